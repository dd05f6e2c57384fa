"""Plumbing without domain knowledge: YAML source lines, schema messages, the data catalogue, Excel CSV."""
