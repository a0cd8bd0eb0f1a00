"""Inputs: reading tenders and submissions into validated models, with errors that name the field."""
