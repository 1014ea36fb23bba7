"""Command-line entry points. Only `okrtui` without a sub-command imports Textual."""
