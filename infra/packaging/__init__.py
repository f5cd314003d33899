"""`make package`: the Lambda layer and one zip per function, reproducibly (same inputs, same bytes)."""
