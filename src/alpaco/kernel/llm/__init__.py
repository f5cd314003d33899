"""The LLM port: one call shape for every model the generator and the tutor use (ARCHITECTURE §7)."""
