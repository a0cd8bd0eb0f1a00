"""What a KvK Handelsregister record can prove: how current it is, and how its SBI codes are read.

Shared by the Wet DBA and Waadi checks. A record proves the registration at the deadline only
when it was retrieved shortly before it (a dated parameter, default 30 days): older evidence needs
a current extract. SBI codes are read in the SBI version in force when the record was retrieved
(SBI 2008 until 6 September 2025, SBI 2025 after, when every code has five digits): the same
number (78201) means slightly different things in the two versions, so each code is reported with
the version it was read as, and a four-digit code in a record retrieved after the conversion shows
that the record is not the register as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from compliance.checks.base import CheckContext
from compliance.dates import nl_date
from compliance.models.findings import Calculation, ParamUsed


def retrieval_date(ctx: CheckContext) -> date | None:
    """The calendar date (in the tender's time zone) the registry record was retrieved, if known."""
    moment = ctx.registry.retrieved_at
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(ctx.tender.time_zone))
    return moment.date()


@dataclass(frozen=True, slots=True)
class RecordAge:
    """How long before the deadline the record was retrieved, against the maximum age."""

    stale: bool  # older than allowed, or retrieved at an unknown time
    retrieved: date | None
    age_days: int | None  # days before the deadline (0 or negative: retrieved on or after it)
    max_days: int
    param: ParamUsed
    calculation: Calculation


def record_age(ctx: CheckContext) -> RecordAge:
    """Judge the record's age at the deadline (never at today's date)."""
    deadline = ctx.dates.deadline_date
    param = ctx.rules.at("kvk_record_max_age_days", deadline)
    max_days = int(param.value)
    retrieved = retrieval_date(ctx)
    if retrieved is None:
        calculation = Calculation("Ouderdom KvK-record bij sluiting", "ophaaldatum onbekend", "niet vast te stellen")
        return RecordAge(True, None, None, max_days, param.used(), calculation)
    age = (deadline - retrieved).days
    shown = f"{age} dagen" if age >= 0 else f"opgehaald {-age} dagen na de sluiting"
    calculation = Calculation(
        "Ouderdom KvK-record bij sluiting", f"{nl_date(deadline)} − {nl_date(retrieved)}", f"{shown} (max. {max_days})"
    )
    return RecordAge(age > max_days, retrieved, age, max_days, param.used(), calculation)


@dataclass(frozen=True, slots=True)
class SbiReading:
    """The record's SBI codes, read in one SBI version."""

    version: str  # e.g. "SBI 2025"
    codes: tuple[str, ...]
    lending: tuple[str, ...]  # codes in the version's Waadi lending set
    outdated: tuple[str, ...]  # four-digit codes where the version has only five-digit ones
    params: SbiParams

    def described(self) -> str:
        """'78202 (SBI 2025), 88999 (SBI 2025)' — every code with the version it was read as."""
        return ", ".join(f"{code} ({self.version})" for code in self.codes) or "(geen)"


@dataclass(frozen=True, slots=True)
class SbiParams:
    """The parameters a reading rests on, ready to cite."""

    version: ParamUsed
    five_digits: ParamUsed
    codes: ParamUsed
    assumption_note: str  # the code set's note when it is an assumption, else ""

    def all(self) -> tuple[ParamUsed, ...]:
        """Every parameter, in citation order."""
        return (self.version, self.five_digits, self.codes)


def read_sbi(ctx: CheckContext) -> SbiReading:
    """Read the record's SBI codes in the version in force when it was retrieved (else at the deadline)."""
    on = retrieval_date(ctx) or ctx.dates.deadline_date
    rules = ctx.rules
    version = rules.at("sbi_version", on)
    five_digits = rules.at("sbi_five_digit_codes_only", on)
    lending_codes = rules.at("waadi_tba_sbi_codes", on)
    record = ctx.registry.record
    codes = record.sbi_codes if record else ()
    accepted = frozenset(str(code) for code in lending_codes.value)
    return SbiReading(
        version=str(version.value),
        codes=codes,
        lending=tuple(code for code in codes if code in accepted),
        outdated=tuple(code for code in codes if five_digits.value and len(code) != 5),
        params=SbiParams(
            version.used(),
            five_digits.used("ja" if five_digits.value else "nee"),
            lending_codes.used(),
            lending_codes.note if lending_codes.assumption else "",
        ),
    )


__all__ = ["RecordAge", "SbiParams", "SbiReading", "read_sbi", "record_age", "retrieval_date"]
