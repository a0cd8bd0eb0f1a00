"""Typed models: the tender specification, the submission, and the findings/report."""
