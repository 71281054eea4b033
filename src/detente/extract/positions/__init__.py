"""Positions: who demands, supports, opposes or rejects what, on a small vocabulary of issues."""
