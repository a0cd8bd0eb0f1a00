"""Renderers: the same decision record as a terminal view, JSON, or (later) a signed PDF."""
