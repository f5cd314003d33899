"""The pipeline's steps: one module per step or family, each a schema, a task and a gate."""
