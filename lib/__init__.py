"""Agent Forge: from an idea, a template or Sim's table rows to a Sim workflow state that runs."""
