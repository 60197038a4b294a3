"""Generation: a description becomes a valid Sim workflow state.

`service.generate` is the entry point. The offline planner (`planner`) always works; the Claude
generator (`claude`) is used when a key is configured and its circuit is closed, and falls back
to the planner when its answer cannot be made valid. Nothing heavy is imported here.
"""
