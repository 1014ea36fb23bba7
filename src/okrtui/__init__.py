"""okrtui: OKRs with SMART key results, in the terminal, kept as TOML in git."""

__version__ = "0.1.0"
