"""Workflows: the API's service layer (validate → store) and its request/response models."""
