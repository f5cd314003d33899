"""The curated problem bank: our own problems, verified in the executor before they are seeded.

`catalog` reads the folders under `problems/`, holding each to the rules in `format`; `inputs`
derives a problem's test inputs, `verify` runs its gates and `seed` writes verified problems to
the Problems table.
"""
