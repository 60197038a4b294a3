"""The Sim workflow format: state models, the block registry, names and references."""
