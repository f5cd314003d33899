"""The tutor chatbot (POST /chatbot): streamed hints on a four-level ladder behind an
answer-leak guard, with a daily message quota. See README.md."""
