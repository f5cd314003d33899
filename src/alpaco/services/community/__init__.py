"""Community board: posts, comments and likes (the original's nine `/community` routes).

See README.md beside this file for the table layout, the consistency guarantees and the rule that
post and comment bodies are raw Markdown which every client must render safely.
"""
