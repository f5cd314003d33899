"""The curated problem bank: our own problems, verified in the executor before they are seeded.

`catalog` reads the folders under `problems/`, `verify` runs a problem's gates and `seed` writes
verified problems to the Problems table.
"""
