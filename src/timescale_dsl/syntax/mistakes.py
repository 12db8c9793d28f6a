"""A catalogue of known mistakes, each mapped to a friendly explanation.

Lark's ``match_examples`` finds the example that fails in the same parser
state as the user's text; the test suite checks every entry still maps.
"""

from __future__ import annotations

KNOWN_MISTAKES: dict[str, list[str]] = {
    "a timescale must say what it counts from, e.g. 'after actual meeting'": [
        "Minutes 15 working days after",
        "Minutes within 3 days of",
    ],
    "a count needs a unit: working days, days, weeks, months, years or hours": [
        "Minutes within 15 of meeting",
        "Minutes within 15",
    ],
    "put 'after' (or 'of', 'from') or 'before' (or 'prior to') between the count and the event": [
        "Minutes within 15 working days meeting",
        "Minutes 15 days meeting",
    ],
    "a task name must be followed by its timescale, e.g. 'within 5 working days of meeting'": [
        "Minutes",
        "Pre-meeting report",
    ],
    "write a range as 'between N and M working days after X' or 'N-M working days after X'": [
        "QA form between 11 to 15 working days after meeting",
        "QA form between 11 15 working days after meeting",
    ],
    "'whichever' picks among alternatives joined by 'or', e.g. "
    "'within 5 days of referral or 3 days of contact, whichever is sooner'": [
        "Visit within 5 days of referral (whichever is sooner)",
        "Visit within 5 days of referral, whichever is sooner",
    ],
    "alternatives joined by 'or' must say which counts: end with ', whichever is "
    "earlier' or ', whichever is later'": [
        "Visit within 5 days of referral or within 3 days of contact",
        "Visit within 5 days of referral or 3 days of contact",
        "Visit within 5 days of referral or contact",
    ],
    "'the earlier of' and 'the later of' pick among two or more alternatives joined by "
    "'and' or 'or', e.g. 'by the earlier of 3 months after the ICPC and 10 working days "
    "after the decision'": [
        "Visit by the later of referral",
        "Visit by the earlier of 3 months after the ICPC",
    ],
}
