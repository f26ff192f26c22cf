"""Drivers: one per channel, both implementing ``base.Driver``."""
from .base import ActionImpossible, Driver, ElementIntrouvable

__all__ = ["ActionImpossible", "Driver", "ElementIntrouvable"]
