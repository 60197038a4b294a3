"""Made-up keys in each known format (none is real), shared by the secrets tests."""

KEYS = {
    "openai_api_key": "sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed",
    "anthropic_api_key": "sk-ant-api03-Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0F9e8D7c6-Bb5Aa4",
    "stripe_secret_key": "sk_live_51Hx7Qm2Rt9Vb4Nc8Kd1Fg5Hj",
    "stripe_restricted": "rk_live_51Hx7Qm2Rt9Vb4Nc8Kd1Fg5Hk",
    "google_api_key": "AIzaSyD7x2Qm9Rt4Vb1Nc8Kd3Fg6Hj0Lp5Zw7Ys",
    "slack_bot_token": "xoxb-2468013579-1357924680123-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3",
    "slack_user_token": "xoxp-2468013579-1357924680123-1357924680-Qx7Lm2Rt9Vb4Nc8Kd1Fg5",
    "github_token": "ghp_Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2I",
    "github_pat": "github_pat_11ABCDEFG0Qx7Lm2Rt9Vb4_Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed",
    "aws_access_key_id": "AKIAZ7QX2LM9RT4VB1NC",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7",
}
