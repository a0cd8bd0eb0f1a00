"""Dated legal parameters and the rules version every decision records."""
