"""The executor service: runs untrusted Python against test inputs inside a layered sandbox.

Entry point: `alpaco.services.executor.handler.handler(event, context)` (direct Lambda invoke).
It imports nothing from other services, so it deploys as its own function.
"""
