"""Small text helpers the renderers share."""

from __future__ import annotations

__all__ = ["clip", "signed"]


def signed(x: float | None) -> str:
    return "-" if x is None else f"{x:+.1f}"


def clip(text: str | None, n: int = 110) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"
