"""wijkteam-kit: training and reflection tools for Dutch social neighbourhood teams (sociale wijkteams)."""

__version__ = "0.1.0"
