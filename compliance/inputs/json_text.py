"""Python's JSON syntax errors in Dutch: one table for input files and for option values alike."""

from __future__ import annotations

import json

# Python's json module messages (json.JSONDecodeError.msg) in Dutch.
JSON_MESSAGES = {
    "Expecting value": "waarde verwacht",
    "Expecting property name enclosed in double quotes": "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Expecting ':' delimiter": "':' verwacht",
    "Expecting ',' delimiter": "',' verwacht",
    "Extra data": "extra tekst na het einde van de JSON",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken in tekst",
    "Invalid \\escape": "ongeldige escape (\\) in tekst",
    "Invalid \\uXXXX escape": "ongeldige \\uXXXX-escape in tekst",
    "Illegal trailing comma before end of object": "komma voor het einde van een object",
    "Illegal trailing comma before end of array": "komma voor het einde van een lijst",
}


def json_error_text(error: json.JSONDecodeError) -> str:
    """A JSON syntax error in Dutch, with line and column (for files and for option values)."""
    reason = JSON_MESSAGES.get(error.msg, error.msg)
    return f"geen geldige JSON: {reason} (regel {error.lineno}, kolom {error.colno})"
