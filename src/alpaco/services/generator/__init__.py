"""The problem generator service: POST /generate streams a new, executed and cross-checked problem."""
