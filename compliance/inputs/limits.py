"""Every limit on input files, in one place.

Input files are untrusted: a hostile or broken file must end in a clear Dutch error (exit 4) in
bounded time and memory, never in an internal error (Python's recursion or int-conversion limits)
and never in megabytes of output. Each value is far above what a real file of any kind needs
(submission, tender, attestations, KvK snapshot) and far below what would cost noticeable time or
memory. The loader (:mod:`compliance.inputs.loader`) enforces them before any model is built.
"""

from __future__ import annotations

# A submission is a few kB (the 30 examples are 3-5 kB), a tender tens of kB, an attestation file
# for an intake of a thousand offers well under 1 MB. 2 MiB leaves room and bounds parse memory.
MAX_INPUT_BYTES = 2 * 1024 * 1024

# Objects and lists, counted as "{" and "[" bytes *before* parsing, so a file of a million tiny
# objects is refused before Python builds them (each costs ~100 bytes of memory). Braces inside
# strings count too; no real input comes near (a submission has ~50, a tender ~200).
MAX_CONTAINERS = 50_000

# Nesting of objects and lists. The deepest real input (rule parameters) has 7 levels. Python's
# JSON parser gives up near 1 000 levels with a RecursionError, which the loader reports the same way.
MAX_DEPTH = 20

# Items in one list. A candidate has tens of jobs, an attestation file a few thousand entries.
MAX_LIST_ITEMS = 10_000

# Fields in one object. The widest model has ~15 fields; a KvK response ~20.
MAX_OBJECT_FIELDS = 200

# Characters in one key. The longest field name is ~30; a key is quoted back in error pointers.
MAX_KEY_CHARS = 100

# Characters in one number as written. An amount has at most 12 digits (Euro's max_digits); 30
# leaves room for a sign, a fraction and an exponent, and keeps Python's 4 300-digit limit on
# converting text to int far away (a 5 000-digit integer used to end in an internal error).
MAX_NUMBER_CHARS = 30

# Problems listed per invalid file; the rest is counted ("… en nog 12 problemen"), so an offer with
# thousands of errors prints a screenful, not megabytes.
MAX_REPORTED_PROBLEMS = 20

# Characters of a rejected value quoted back in a message (after masking), so a long text typed
# into the wrong field does not flood the terminal.
MAX_QUOTED_CHARS = 60

__all__ = [
    "MAX_CONTAINERS",
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "MAX_KEY_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_NUMBER_CHARS",
    "MAX_OBJECT_FIELDS",
    "MAX_QUOTED_CHARS",
    "MAX_REPORTED_PROBLEMS",
]
