"""sanxiang (三项) — the platform for the three systems of administrative law enforcement."""

__version__ = "0.1.0"
