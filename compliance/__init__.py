"""compliance: checks supplier submissions for Dutch municipal inhuuropdrachten.

The pipeline is visible in the package layout: ``inputs`` (tender, submission) ->
``sources`` (registry look-ups) -> ``checks`` (pure functions returning findings) ->
``engine`` (the decision record) -> ``render`` (terminal, JSON) -> signing.
"""

import os

# pydantic runs every installed "pydantic plugin" on every validation, and finds them by scanning
# the metadata of every installed distribution on first use. An offer holds personal data and its
# validation decides a verdict, so no third-party hook may observe or alter it; skipping the scan
# also takes a tenth of a second off every start. An operator who sets the variable keeps control.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"

__all__ = ["__version__"]
