"""compliance: checks supplier submissions for Dutch municipal inhuuropdrachten.

The pipeline is visible in the package layout: ``inputs`` (tender, submission) ->
``sources`` (registry look-ups) -> ``checks`` (pure functions returning findings) ->
``engine`` (the decision record) -> ``render`` (terminal, JSON) -> signing.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
