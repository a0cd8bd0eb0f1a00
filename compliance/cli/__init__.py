"""The command line: typer commands only; errors become messages and exit codes in boundary.py."""
