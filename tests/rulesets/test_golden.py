"""Golden deadlines for every computable rule of both rulesets, worked out by hand.

Each expected date was counted on a printed calendar with the England and
Wales bank holidays, not computed by the engine. Anchors are chosen so that
many counts cross Christmas and New Year (with the substitute days of 2026 and
2027), Easter 2027 and the clocks going forward on Sun 28 Mar 2027.

Bank holidays used (England and Wales):
    2026: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute)
    2027: Fri 1 Jan, Fri 26 Mar (Good Friday), Mon 29 Mar (Easter Monday),
          Mon 3 May, Mon 31 May, Mon 30 Aug,
          Mon 27 Dec (Christmas substitute), Tue 28 Dec (Boxing Day substitute)
    2028: Mon 3 Jan (New Year substitute)

Working days counted from the four anchors most used below ("day N" is the
Nth working day strictly after the anchor):

    A = Thu 24 Dec 2026 -> 1 Tue 29 Dec, 2 Wed 30, 3 Thu 31, 4 Mon 4 Jan 2027,
        5 Tue 5, 7 Thu 7, 10 Tue 12, 15 Tue 19, 20 Tue 26, 30 Tue 9 Feb,
        35 Tue 16 Feb, 45 Tue 2 Mar
    C = Thu 25 Mar 2027 -> 1 Tue 30 Mar, 2 Wed 31, 5 Mon 5 Apr, 10 Mon 12 Apr,
        15 Mon 19 Apr, 20 Mon 26 Apr, 30 Tue 11 May (Mon 3 May skipped),
        35 Tue 18 May, 45 Wed 2 Jun (Mon 31 May skipped)
    E = Fri 24 Dec 2027 -> 1 Wed 29 Dec, 2 Thu 30, 3 Fri 31, 4 Tue 4 Jan 2028,
        5 Wed 5, 7 Fri 7, 10 Wed 12, 15 Wed 19, 20 Wed 26, 35 Wed 16 Feb,
        45 Wed 1 Mar 2028 (29 Feb counted: 2028 is a leap year)

Working days before:
    Tue 5 Jan 2027 -> 1 Mon 4 Jan, 2 Thu 31 Dec, 3 Wed 30 Dec, 5 Thu 24 Dec 2026
    Thu 1 Apr 2027 -> 1 Wed 31 Mar, 3 Thu 25 Mar, 5 Tue 23 Mar, 10 Tue 16 Mar
    Wed 5 Jan 2028 -> 1 Tue 4 Jan, 5 Fri 24 Dec 2027, 10 Fri 17 Dec 2027

Hours are elapsed hours in Europe/London: on 28 Mar 2027 01:00 GMT the clocks
go forward, so 24 hours after Sat 27 Mar 12:00 is Sun 28 Mar 13:00.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from timescale_dsl import MissingFactsError, NoApplicableAlternative, Ruleset, load_ruleset

from .source_rows import RULESETS

When = dt.date | dt.datetime


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class Case:
    rule: str
    facts: dict[str, Any]
    due: When
    earliest: When | None = None
    target: When | None = None
    schedule: tuple[When, ...] = field(default=())


LCS = "lcs-liquidlogic"
RTF = "recording-timescales-framework"

CASES: dict[str, list[Case]] = {
    LCS: [
        # -- Referral and Assessment
        Case("lcs-contact-record", {"contact": d("2026-12-25")}, d("2026-12-25")),
        Case("lcs-contact-feedback", {"contact": d("2026-12-24")}, d("2026-12-29")),
        Case("lcs-referral-record", {"referral": d("2026-12-24")}, d("2026-12-30")),
        # Section 47 wins over child in need; 1 calendar day lands on Christmas Day.
        Case(
            "lcs-referral-child-visit",
            {"referral": d("2026-12-24"), "section 47": True, "child in need": True},
            d("2026-12-25"),
        ),
        # 7 calendar days: 24 Dec + 7 = Thu 31 Dec (holidays count).
        Case(
            "lcs-referral-child-visit",
            {"referral": d("2026-12-24"), "section 47": False, "child in need": True},
            d("2026-12-31"),
        ),
        Case(
            "lcs-assessment-complete",
            {"assessment authorisation": d("2027-03-29")},
            d("2027-03-29"),
        ),
        # 45 calendar days: 24 Dec + 7 = 31 Dec, + 31 = 31 Jan, + 7 = Sun 7 Feb 2027
        # (45 working days would be Tue 2 Mar).
        Case("lcs-assessment-max", {"assessment start": d("2026-12-24")}, d("2027-02-07")),
        Case(
            "lcs-open-workbook",
            {"family safeguarding outcome": d("2027-12-27")},
            d("2027-12-27"),
        ),
        Case("lcs-transfer-to-fs", {"assessment authorisation": d("2026-12-24")}, d("2027-01-12")),
        Case(
            "lcs-fs-allocation-supervision",
            {"transfer": t("2026-12-24T16:30")},
            t("2026-12-25T16:30"),
        ),
        Case("lcs-fs-allocation-supervision", {"transfer": d("2026-12-24")}, d("2026-12-25")),
        # Later of allocation + 24h (Thu 25 Mar 15:00) and supervision + 24h (Fri 26 Mar 11:00).
        Case(
            "lcs-fs-social-work-summary",
            {
                "allocation": t("2027-03-24T15:00"),
                "first group case supervision": t("2027-03-25T11:00"),
            },
            t("2027-03-26T11:00"),
        ),
        Case(
            "lcs-fs-social-work-summary",
            {
                "allocation": t("2027-03-25T12:00"),
                "first group case supervision": t("2027-03-25T09:00"),
            },
            t("2027-03-26T12:00"),
        ),
        Case(
            "lcs-fs-monthly-summaries", {"group case supervision": d("2027-01-05")}, d("2026-12-31")
        ),
        Case("lcs-fs-gcs-output", {"group case supervision": d("2027-03-25")}, d("2027-04-12")),
        Case("lcs-fs-overall-summary", {"plan review": d("2027-01-05")}, d("2026-12-24")),
        # Day 7 after Fri 24 Dec 2027 is Fri 7 Jan 2028 (27, 28 Dec and 3 Jan are holidays).
        Case(
            "lcs-fs-workbook-closure", {"case closure decision": d("2027-12-24")}, d("2028-01-07")
        ),
        Case("lcs-ip-pre-meeting-report", {"scheduled meeting": d("2028-01-05")}, d("2027-12-24")),
        Case("lcs-ip-outcomes", {"actual meeting": t("2027-12-29T15:00")}, d("2027-12-29")),
        Case("lcs-ip-plan-update", {"actual meeting": d("2027-12-24")}, d("2028-01-12")),
        Case("lcs-cin-pre-meeting-report", {"scheduled meeting": d("2027-04-01")}, d("2027-03-23")),
        Case("lcs-cin-outcomes", {"actual meeting": d("2027-03-26")}, d("2027-03-26")),
        Case("lcs-cin-plan-update", {"actual meeting": d("2027-03-25")}, d("2027-04-12")),
        # -- Child Protection
        Case("lcs-strategy-outcomes", {"decision": d("2026-12-28")}, d("2026-12-28")),
        Case("lcs-follow-up-outcomes", {"decision": d("2027-01-01")}, d("2027-01-01")),
        Case("lcs-s47-outcomes", {"decision": d("2027-03-29")}, d("2027-03-29")),
        Case("lcs-icpc", {"last strategy meeting": d("2026-12-24")}, d("2027-01-19")),
        Case(
            "lcs-icpc-pre-meeting-report",
            {"scheduled meeting": t("2027-01-04T10:00")},
            t("2027-01-01T10:00"),
        ),
        # 72 elapsed hours back over the clock change: Tue 30 Mar 10:00 BST is 09:00 UTC;
        # 72 hours earlier is Sat 27 Mar 09:00 UTC = 09:00 GMT.
        Case(
            "lcs-icpc-pre-meeting-report",
            {"scheduled meeting": t("2027-03-30T10:00")},
            t("2027-03-27T09:00"),
        ),
        Case(
            "lcs-icpc-pre-meeting-report", {"scheduled meeting": d("2027-01-04")}, d("2027-01-01")
        ),
        Case("lcs-icpc-outcomes", {"conference": d("2026-12-24")}, d("2026-12-24")),
        Case(
            "lcs-icpc-cp-plan-update",
            {"actual meeting": t("2026-12-24T14:00")},
            t("2026-12-25T14:00"),
        ),
        # 3 calendar days: Sun 27 Dec, not moved to a working day.
        Case("lcs-icpc-child-visit", {"conference": d("2026-12-24")}, d("2026-12-27")),
        Case("lcs-icpc-core-group", {"ICPC": d("2027-12-24")}, d("2028-01-12")),
        Case("lcs-icpc-core-group-minutes", {"actual meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("lcs-icpc-minutes", {"actual meeting": d("2026-12-24")}, d("2027-01-19")),
        # 30 Nov + 3 months = 30 Feb, clipped to Sun 28 Feb 2027.
        Case("lcs-rcpc", {"ICPC": d("2026-11-30")}, d("2027-02-28")),
        Case(
            "lcs-rcpc-pre-meeting-report", {"scheduled meeting": d("2027-01-04")}, d("2027-01-02")
        ),
        Case(
            "lcs-rcpc-pre-meeting-report",
            {"scheduled meeting": t("2027-01-04T09:30")},
            t("2027-01-02T09:30"),
        ),
        Case("lcs-rcpc-outcomes", {"conference": d("2027-03-29")}, d("2027-03-29")),
        # Sat 27 Mar 18:00 GMT (18:00 UTC) + 24 hours = Sun 28 Mar 18:00 UTC = 19:00 BST.
        Case(
            "lcs-rcpc-cp-plan-update",
            {"actual meeting": t("2027-03-27T18:00")},
            t("2027-03-28T19:00"),
        ),
        Case("lcs-rcpc-minutes", {"actual meeting": d("2027-12-24")}, d("2028-01-19")),
        # -- Looked after children
        Case("lcs-becomes-cla", {"CLA start": d("2027-01-01")}, d("2027-01-01")),
        # Planned: 10 calendar days before Fri 8 Jan 2027 = Tue 29 Dec 2026.
        Case("lcs-cla-care-plan", {"CLA start": d("2027-01-08"), "planned": True}, d("2026-12-29")),
        # Unplanned: 24 Dec + 10 days = Sun 3 Jan 2027.
        Case(
            "lcs-cla-care-plan", {"CLA start": d("2026-12-24"), "planned": False}, d("2027-01-03")
        ),
        Case("lcs-placement-change", {"placement change": d("2026-12-25")}, d("2026-12-25")),
        Case("lcs-legal-status-change", {"legal status change": d("2027-12-28")}, d("2027-12-28")),
        # 28 days: Thu 21 Jan 2027. Projected: + 91 days (10 to 31 Jan, 28 in Feb, 31 in
        # Mar, 22 in Apr) = Thu 22 Apr; + 183 days = Fri 22 Oct 2027; + 183 days
        # (29 Feb 2028 included) = Sat 22 Apr 2028.
        Case(
            "lcs-cla-review",
            {"CLA start": d("2026-12-24")},
            d("2027-01-21"),
            schedule=(d("2027-04-22"), d("2027-10-22"), d("2028-04-22")),
        ),
        Case("lcs-cla-pre-meeting-report", {"scheduled meeting": d("2026-12-28")}, d("2026-12-25")),
        Case("lcs-cla-outcome-decisions", {"actual meeting": d("2026-12-24")}, d("2027-01-05")),
        Case("lcs-cla-care-plan-update", {"actual meeting": d("2026-12-24")}, d("2027-01-26")),
        Case("lcs-cla-minutes", {"actual meeting": d("2027-03-25")}, d("2027-04-12")),
        Case("lcs-leaving-cla", {"discharge from care": d("2027-12-28")}, d("2027-12-28")),
        # -- Other case recording
        Case("lcs-visits", {"visit": d("2027-12-24")}, d("2027-12-30")),
        Case(
            "lcs-missing-episode",
            {"missing episode start": t("2027-12-24T23:30")},
            t("2027-12-25T23:30"),
        ),
        # 24 working hours from Thu 24 Dec 14:00: 10 hours left on the 24th, then nothing
        # until Tue 29 Dec 00:00, 14 more hours: Tue 29 Dec 14:00.
        Case("lcs-case-allocation", {"allocation": t("2026-12-24T14:00")}, t("2026-12-29T14:00")),
        # Friday 14:00 -> Monday 14:00.
        Case("lcs-case-allocation", {"allocation": t("2027-01-08T14:00")}, t("2027-01-11T14:00")),
        # A date only: one working day.
        Case("lcs-case-allocation", {"allocation": d("2026-12-24")}, d("2026-12-29")),
        Case("lcs-health-education-outcomes", {"event": d("2027-12-24")}, d("2028-01-12")),
        Case("lcs-management-oversight", {"supervision meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("lcs-pf-notification", {"event": d("2026-12-24")}, d("2026-12-30")),
        Case("lcs-pf-arrangement-start", {"event": d("2027-03-25")}, d("2027-03-31")),
        Case("lcs-pf-visits", {"event": d("2027-12-24")}, d("2027-12-30")),
        # An event on Good Friday: Tue 30 Mar is day 1, Wed 31 Mar day 2.
        Case("lcs-pf-notification-of-ending", {"event": d("2027-03-26")}, d("2027-03-31")),
        # Thu 31 Dec 2026: day 1 Mon 4 Jan, day 2 Tue 5 Jan.
        Case("lcs-pf-arrangement-ends", {"event": d("2026-12-31")}, d("2027-01-05")),
        Case("lcs-case-closed", {"case closure decision": d("2027-12-24")}, d("2028-01-05")),
    ],
    RTF: [
        # -- Referral and Assessment
        Case("rtf-contact", {"contact": t("2026-12-24T18:00")}, d("2026-12-24")),
        Case("rtf-contact-form", {"contact": t("2026-12-24T18:00")}, t("2026-12-25T18:00")),
        Case(
            "rtf-information-gathering",
            {"completed contact": t("2026-12-24T09:00")},
            t("2026-12-26T09:00"),
        ),
        Case("rtf-ehig-form", {"completed contact": d("2027-12-24")}, d("2027-12-26")),
        Case("rtf-referral", {"contact": t("2027-03-26T08:00")}, t("2027-03-27T08:00")),
        # Sat 27 Mar 12:00 GMT + 24 hours = Sun 28 Mar 13:00 BST.
        Case("rtf-referral-form", {"contact": t("2027-03-27T12:00")}, t("2027-03-28T13:00")),
        # 24 working hours from Thu 25 Mar 16:00: 8 hours on the 25th; Good Friday to
        # Easter Monday do not count; 16 hours on Tue 30 Mar.
        Case(
            "rtf-fs-allocation",
            {"received into team tray": t("2027-03-25T16:00")},
            t("2027-03-30T16:00"),
        ),
        Case(
            "rtf-fs-allocation-form",
            {"received into team tray": d("2027-12-24")},
            d("2027-12-29"),
        ),
        Case("rtf-sw-allocation", {"referral": d("2027-12-27")}, d("2027-12-27")),
        Case("rtf-involvements", {"referral": d("2026-12-28")}, d("2026-12-28")),
        # "Always up to date before case transfer or closure": no later than that day.
        Case(
            "rtf-chronology-closure", {"case closure or transfer": d("2027-03-26")}, d("2027-03-26")
        ),
        Case(
            "rtf-genogram-closure", {"case closure or transfer": d("2027-12-28")}, d("2027-12-28")
        ),
        # Family support case: due with the FSA form (45 working days after 24 Dec 2026 =
        # Tue 2 Mar 2027), then every 6 months.
        Case(
            "rtf-chronology-record",
            {"family support case": True, "initial contact": d("2026-12-24")},
            d("2027-03-02"),
            schedule=(d("2027-09-02"), d("2028-03-02")),
        ),
        # Social work case: due with the SWA form (45 working days after Thu 25 Mar 2027
        # = Wed 2 Jun 2027).
        Case(
            "rtf-chronology-record",
            {"family support case": False, "referral": d("2027-03-25")},
            d("2027-06-02"),
            schedule=(d("2027-12-02"),),
        ),
        # 31 Aug + 6 months = 31 Feb, clipped to 28 Feb 2027; projected from there, 28 Aug.
        Case(
            "rtf-genogram-review",
            {"previous genogram review": d("2026-08-31")},
            d("2027-02-28"),
            schedule=(d("2027-08-28"),),
        ),
        Case(
            "rtf-genogram-record",
            {"family support case": True, "initial contact": d("2027-12-24")},
            d("2028-03-01"),
        ),
        Case(
            "rtf-genogram-record",
            {"family support case": False, "referral": d("2026-12-24")},
            d("2027-03-02"),
        ),
        Case("rtf-fsa", {"initial contact": d("2027-12-24")}, d("2028-03-01")),
        Case("rtf-fsa-form", {"initial contact": d("2026-12-24")}, d("2027-03-02")),
        Case("rtf-swa", {"referral": d("2026-12-24")}, d("2027-03-02"), target=d("2027-02-16")),
        # 45 calendar days after Fri 24 Dec 2027: 7 to 31 Dec, 31 in Jan, 7 Feb 2028.
        Case("rtf-swa-significant-event", {"significant event": d("2027-12-24")}, d("2028-02-07")),
        # 45 days after 24 Dec 2026 = 7 Feb 2027 (target 35 days = 28 Jan) is earlier than
        # 6 weeks before 1 Apr 2027 (18 Feb).
        Case(
            "rtf-swa-pre-birth",
            {"referral": d("2026-12-24"), "expected date of delivery": d("2027-04-01")},
            d("2027-02-07"),
            target=d("2027-01-28"),
        ),
        # 6 weeks before Mon 1 Mar 2027 = Mon 18 Jan, earlier than 7 Feb.
        Case(
            "rtf-swa-pre-birth",
            {"referral": d("2026-12-24"), "expected date of delivery": d("2027-03-01")},
            d("2027-01-18"),
        ),
        Case(
            "rtf-swa-form",
            {"referral": d("2027-03-25")},
            d("2027-06-02"),
            target=d("2027-05-18"),
        ),
        # "Day 55 from initial contact" is a second limit, whichever is earlier.
        # Initial contact Thu 24 Dec 2026: day 45 Tue 2 Mar 2027, then Mar 3 (46), 4, 5, 8,
        # 9 (50), 10, 11, 12, 15, day 55 Tue 16 Mar. An assessment completed late, Fri 5 Mar
        # (day 48), + 10 working days = Fri 19 Mar: Day 55 decides.
        Case(
            "rtf-fs-plan",
            {
                "initial contact": d("2026-12-24"),
                "family support assessment completed": d("2027-03-05"),
            },
            d("2027-03-16"),
        ),
        # Initial contact Mon 1 Feb 2027: Feb 2-26 are days 1-19, Mar 1-25 days 20-38, Good
        # Friday and Easter Monday skipped, Tue 30 Mar day 39, ..., day 55 Wed 21 Apr. The
        # assessment completed Thu 25 Mar + 10 working days = Mon 12 Apr, the earlier.
        Case(
            "rtf-fs-plan",
            {
                "initial contact": d("2027-02-01"),
                "family support assessment completed": d("2027-03-25"),
            },
            d("2027-04-12"),
        ),
        # Initial contact Mon 2 Nov 2026: day 38 Thu 24 Dec, Christmas and the substitute day
        # skipped, day 41 Thu 31 Dec, 1 Jan skipped, day 45 Thu 7 Jan 2027, day 55 Thu 21 Jan.
        # Assessment completed Thu 24 Dec 2026 + 10 working days = Tue 12 Jan 2027.
        Case(
            "rtf-fs-plan-form",
            {
                "initial contact": d("2026-11-02"),
                "family support assessment completed": d("2026-12-24"),
            },
            d("2027-01-12"),
        ),
        # 30 working days after 24 Dec 2026 = Tue 9 Feb 2027 (6 weeks would be 4 Feb).
        # Then + 30 = Tue 23 Mar; + 30 (Easter skipped) = Fri 7 May (Mon 3 May skipped).
        Case(
            "rtf-fs-review-meetings",
            {"family support plan meeting": d("2026-12-24")},
            d("2027-02-09"),
            schedule=(d("2027-03-23"), d("2027-05-07")),
        ),
        Case("rtf-fs-review-form", {"actual meeting": d("2027-12-24")}, d("2028-01-05")),
        Case(
            "rtf-cin-review",
            {
                "CiN review trigger": "assessment",
                "social work assessment completed": d("2026-12-24"),
            },
            d("2027-01-12"),
        ),
        # 6 weeks after Fri 19 Feb 2027: 9 days to 28 Feb, 31 in March, Fri 2 Apr.
        Case(
            "rtf-cin-review",
            {
                "CiN review trigger": "previous CiN meeting",
                "CWD long-term CiN": False,
                "previous CiN meeting": d("2027-02-19"),
            },
            d("2027-04-02"),
        ),
        Case(
            "rtf-cin-review",
            {
                "CiN review trigger": "previous CiN meeting",
                "CWD long-term CiN": True,
                "previous CiN meeting": d("2026-08-31"),
            },
            d("2027-02-28"),
        ),
        Case(
            "rtf-cin-review",
            {"CiN review trigger": "conference", "CiN plan agreed at conference": d("2027-03-22")},
            d("2027-04-01"),
        ),
        Case("rtf-cin-review-form", {"actual meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("rtf-cin-review-notes", {"actual meeting": d("2026-12-24")}, d("2027-01-05")),
        Case("rtf-cin-plan-form", {"actual meeting": d("2027-12-24")}, d("2028-01-05")),
        # -- Child Protection
        Case(
            "rtf-strategy-discussion",
            {"complex concerns": False, "CP concerns identified": t("2026-12-24T17:00")},
            t("2026-12-25T17:00"),
        ),
        # Working days from a date-time give a date: day 5 after 24 Dec 2026.
        Case(
            "rtf-strategy-discussion",
            {"complex concerns": True, "CP concerns identified": t("2026-12-24T17:00")},
            d("2027-01-05"),
        ),
        Case(
            "rtf-strategy-recommendations",
            {"strategy discussion": d("2027-03-29")},
            d("2027-03-29"),
        ),
        Case("rtf-abe-form", {"ABE interview": d("2027-03-25")}, d("2027-03-31")),
        Case("rtf-s47-outcome", {"initial strategy discussion": d("2027-12-24")}, d("2028-01-12")),
        Case(
            "rtf-s47-outcome-form",
            {"initial strategy discussion": d("2026-12-24")},
            d("2027-01-12"),
        ),
        Case("rtf-cp-swa", {"referral": d("2027-12-24")}, d("2028-03-01"), target=d("2028-02-16")),
        Case(
            "rtf-cp-report-icpc", {"initial strategy discussion": d("2027-03-25")}, d("2027-04-19")
        ),
        Case("rtf-cp-report-share", {"conference": d("2027-01-01")}, d("2026-12-30")),
        Case("rtf-cp-report-rcpc", {"conference": d("2027-03-30")}, d("2027-03-27")),
        Case("rtf-cp-report-rcpc-share", {"conference": d("2027-12-29")}, d("2027-12-27")),
        Case("rtf-cp-swa-form", {"conference": d("2027-01-05")}, d("2026-12-30")),
        Case("rtf-cp-icpc-report-form", {"conference": d("2027-04-01")}, d("2027-03-25")),
        Case(
            "rtf-icpc",
            {"moved in on CP plan": False, "initial strategy discussion": d("2026-12-24")},
            d("2027-01-19"),
        ),
        Case(
            "rtf-icpc",
            {"moved in on CP plan": True, "notification of move": d("2027-03-25")},
            d("2027-04-19"),
        ),
        Case("rtf-icpc-outcome", {"conference": d("2026-12-24")}, d("2026-12-24")),
        Case("rtf-icpc-chair-report", {"actual meeting": d("2027-12-24")}, d("2028-01-19")),
        # Earliest the day after the 24th week ends; due 42 days before Thu 29 Apr 2027:
        # 29 back to 31 Mar, 13 more to Thu 18 Mar.
        Case(
            "rtf-pre-birth-icpc",
            {
                "end of 24th week of pregnancy": d("2027-01-14"),
                "expected date of delivery": d("2027-04-29"),
            },
            d("2027-03-18"),
            earliest=d("2027-01-15"),
        ),
        Case("rtf-pre-birth-icpc-outcome", {"conference": d("2027-03-26")}, d("2027-03-26")),
        Case(
            "rtf-pre-birth-icpc-chair-report", {"actual meeting": d("2027-03-25")}, d("2027-04-19")
        ),
        # 16 calendar days after 24 Dec 2026 = Sat 9 Jan 2027.
        Case("rtf-cp-midway-icpc", {"ICPC": d("2026-12-24")}, d("2027-01-09")),
        # 30 Nov 2027 + 3 months = 30 Feb, clipped to 29 Feb 2028 (leap year).
        Case("rtf-cp-midway-rcpc", {"RCPC": d("2027-11-30")}, d("2028-02-29")),
        Case(
            "rtf-rcpc",
            {"ICPC": d("2026-12-24")},
            d("2027-03-24"),
            schedule=(d("2027-09-24"), d("2028-03-24")),
        ),
        Case("rtf-rcpc-sw-report", {"conference": d("2027-01-05")}, d("2026-12-24")),
        Case("rtf-rcpc-sw-report-share", {"conference": d("2027-03-29")}, d("2027-03-27")),
        Case("rtf-rcpc-outcome", {"conference": d("2027-12-27")}, d("2027-12-27")),
        Case("rtf-rcpc-chair-report", {"actual meeting": d("2026-12-24")}, d("2027-01-19")),
        Case(
            "rtf-rcpc-cin-plan",
            {"CiN outcome": True, "actual meeting": d("2027-03-25")},
            d("2027-04-12"),
        ),
        Case("rtf-first-core-group", {"ICPC": d("2026-12-24")}, d("2027-01-12")),
        Case("rtf-first-core-group-minutes", {"core group": d("2026-12-24")}, d("2027-01-05")),
        Case("rtf-first-core-group-cp-plan", {"core group": d("2027-03-25")}, d("2027-04-05")),
        # 6 weeks = 42 days after 24 Dec 2026: 7 to 31 Dec, 31 in Jan, Thu 4 Feb.
        Case("rtf-core-group", {"previous core group": d("2026-12-24")}, d("2027-02-04")),
        Case("rtf-core-group-minutes", {"core group": d("2027-12-24")}, d("2028-01-05")),
        # Thu 23 Dec 2027: 1 Fri 24 Dec, 2 Wed 29, 3 Thu 30, 4 Fri 31, 5 Tue 4 Jan 2028.
        Case("rtf-core-group-cp-plan", {"core group": d("2027-12-23")}, d("2028-01-04")),
        # -- Children in care and care leavers
        Case(
            "rtf-placement-matching",
            {"coming into care": False, "placement need notified": t("2026-12-24T20:00")},
            t("2026-12-25T20:00"),
        ),
        # 48 hours from Sat 27 Mar 10:00 GMT (10:00 UTC) = Mon 29 Mar 10:00 UTC = 11:00 BST.
        Case(
            "rtf-placement-matching",
            {"coming into care": True, "coming into care conversation": t("2027-03-27T10:00")},
            t("2027-03-29T11:00"),
        ),
        Case(
            "rtf-placement-matching-form",
            {"coming into care": False, "placement need notified": t("2026-12-24T20:00")},
            t("2026-12-27T20:00"),
        ),
        Case(
            "rtf-placement-matching-form",
            {"coming into care": True, "coming into care conversation": d("2027-12-24")},
            d("2027-12-27"),
        ),
        Case(
            "rtf-lac-risk-assessment",
            {"coming into care": False, "placement need notified": d("2027-03-26")},
            d("2027-03-27"),
        ),
        Case(
            "rtf-lac-risk-assessment",
            {"coming into care": True, "coming into care conversation": t("2026-12-24T08:00")},
            t("2026-12-26T08:00"),
        ),
        # 2 weeks before Fri 8 Jan 2027 = Fri 25 Dec 2026 (not moved off Christmas Day).
        Case(
            "rtf-lac-risk-assessment-form",
            {"emergency placement": False, "placement start": d("2027-01-08")},
            d("2026-12-25"),
        ),
        Case(
            "rtf-lac-risk-assessment-form",
            {"emergency placement": True, "emergency placement sought": d("2026-12-26")},
            d("2026-12-26"),
        ),
        Case(
            "rtf-lac-care-plan",
            {"care plan follows review": False, "becoming looked after": d("2026-12-24")},
            d("2027-01-05"),
        ),
        Case(
            "rtf-lac-care-plan",
            {"care plan follows review": True, "LAC review": d("2027-03-25")},
            d("2027-04-12"),
        ),
        Case(
            "rtf-lac-care-plan-part-1",
            {"care plan follows review": False, "becoming looked after": d("2027-12-24")},
            d("2028-01-05"),
        ),
        Case(
            "rtf-lac-care-plan-part-2",
            {"care plan follows review": True, "LAC review": d("2027-12-24")},
            d("2028-01-12"),
        ),
        Case("rtf-lac-start", {"becoming looked after": d("2026-12-25")}, d("2026-12-25")),
        Case("rtf-legal-status", {"legal status change": d("2027-01-01")}, d("2027-01-01")),
        Case(
            "rtf-period-of-care-start", {"becoming looked after": d("2027-12-25")}, d("2027-12-25")
        ),
        Case(
            "rtf-period-of-care-legal-status",
            {"legal status change": d("2027-12-28")},
            d("2027-12-28"),
        ),
        Case(
            "rtf-placement-planning-meeting",
            {"placement start": t("2027-12-24T17:00")},
            t("2027-12-27T17:00"),
        ),
        Case("rtf-placement-plan", {"actual meeting": d("2026-12-24")}, d("2027-01-05")),
        # 12 weeks = 84 days: 24 Dec 2026 -> Thu 18 Mar 2027 -> Thu 10 Jun 2027.
        Case(
            "rtf-placement-planning-review",
            {"placement planning meeting": d("2026-12-24")},
            d("2027-03-18"),
            schedule=(d("2027-06-10"),),
        ),
        Case("rtf-placement-plan-review", {"actual meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("rtf-iha-request", {"becoming looked after": d("2027-12-24")}, d("2028-01-05")),
        Case("rtf-iha", {"becoming looked after": d("2026-12-24")}, d("2027-01-26")),
        Case(
            "rtf-rha",
            {"under five": True, "previous health assessment": d("2026-08-31")},
            d("2027-02-28"),
        ),
        # 29 Feb 2028 + 12 months = 29 Feb 2029, clipped to 28 Feb.
        Case(
            "rtf-rha",
            {"under five": False, "previous health assessment": d("2028-02-29")},
            d("2029-02-28"),
        ),
        # The RHA is due 28 Feb 2027; 2 months before is Mon 28 Dec 2026 (a bank holiday).
        Case(
            "rtf-rha-request",
            {"under five": True, "previous health assessment": d("2026-08-31")},
            d("2026-12-28"),
        ),
        Case(
            "rtf-health-requested-date",
            {"health assessment request": d("2026-12-28")},
            d("2026-12-28"),
        ),
        Case(
            "rtf-health-examination-date",
            {"health assessment returned": d("2027-03-29")},
            d("2027-03-29"),
        ),
        Case("rtf-pep-first", {"becoming looked after": d("2027-03-25")}, d("2027-04-12")),
        Case("rtf-pep-welfare-call", {"becoming looked after": d("2026-12-24")}, d("2027-01-12")),
        Case("rtf-pep-lcs", {"becoming looked after": d("2027-12-24")}, d("2028-01-12")),
        # 20 working days: Tue 26 Jan 2027; then 3 months: 26 Apr; then 6-monthly.
        Case(
            "rtf-lac-review",
            {"placement change review": False, "becoming looked after": d("2026-12-24")},
            d("2027-01-26"),
            schedule=(d("2027-04-26"), d("2027-10-26"), d("2028-04-26")),
        ),
        Case(
            "rtf-lac-review",
            {"placement change review": True, "unplanned placement change": d("2027-03-25")},
            d("2027-04-26"),
            schedule=(d("2027-07-26"),),
        ),
        Case("rtf-lac-review-capr", {"scheduled meeting": d("2027-04-01")}, d("2027-03-23")),
        Case("rtf-lac-review-minutes", {"actual meeting": d("2027-12-24")}, d("2028-01-05")),
        Case("rtf-lac-review-care-plan", {"actual meeting": d("2026-12-24")}, d("2027-01-12")),
        Case(
            "rtf-lac-review-discussion-summary",
            {"actual meeting": d("2027-03-25")},
            d("2027-04-19"),
        ),
        # Window: 11th working day after 24 Dec 2026 is Wed 13 Jan, the 15th Tue 19 Jan.
        Case(
            "rtf-lac-review-iro-qa",
            {"actual meeting": d("2026-12-24")},
            d("2027-01-19"),
            earliest=d("2027-01-13"),
        ),
        Case("rtf-iro-midway-first", {"initial LAC review": d("2026-12-24")}, d("2027-02-04")),
        # 84 days after Fri 1 Jan 2027: 30 to 31 Jan, 58 to 28 Feb, Fri 26 Mar (Good Friday).
        Case("rtf-iro-midway-later", {"previous LAC review": d("2027-01-01")}, d("2027-03-26")),
        # Born 30 Sep 2011: 16 years and 3 months = 30 Dec 2027.
        Case(
            "rtf-needs-assessment",
            {"accommodated post 16": False, "date of birth": d("2011-09-30")},
            d("2027-12-30"),
            schedule=(d("2028-12-30"),),
        ),
        # Born 30 Nov 2010: + 16 years 3 months = 30 Feb 2027, clipped to 28 Feb.
        Case(
            "rtf-needs-assessment",
            {"accommodated post 16": False, "date of birth": d("2010-11-30")},
            d("2027-02-28"),
        ),
        Case(
            "rtf-needs-assessment",
            {"accommodated post 16": True, "became eligible": d("2027-12-27")},
            d("2027-12-27"),
            schedule=(d("2028-12-27"),),
        ),
        Case(
            "rtf-needs-assessment-review",
            {"previous needs assessment review": d("2027-03-31")},
            d("2027-09-30"),
        ),
        # Born 29 Nov 2011: 29 Feb 2028 exists (leap year); a year later, 28 Feb 2029.
        Case(
            "rtf-needs-assessment-record",
            {"accommodated post 16": False, "date of birth": d("2011-11-29")},
            d("2028-02-29"),
            schedule=(d("2029-02-28"),),
        ),
        Case(
            "rtf-pathway-plan",
            {"accommodated post 16": False, "date of birth": d("2011-12-25")},
            d("2028-03-25"),
        ),
        Case(
            "rtf-pathway-plan",
            {"accommodated post 16": True, "became eligible": d("2027-03-26")},
            d("2027-03-26"),
        ),
        Case(
            "rtf-pathway-plan-record",
            {"accommodated post 16": False, "date of birth": d("2010-11-30")},
            d("2027-02-28"),
        ),
        Case(
            "rtf-lac16-review",
            {"placement change review": False, "becoming looked after": d("2027-12-24")},
            d("2028-01-26"),
            schedule=(d("2028-04-26"),),
        ),
        Case(
            "rtf-lac16-review",
            {"placement change review": True, "unplanned placement change": d("2026-12-24")},
            d("2027-01-26"),
        ),
        Case("rtf-lac16-capr", {"scheduled meeting": d("2028-01-05")}, d("2027-12-24")),
        Case("rtf-lac16-minutes", {"actual meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("rtf-lac16-pathway-plan", {"actual meeting": d("2027-12-24")}, d("2028-01-12")),
        Case("rtf-lac16-care-plan", {"actual meeting": d("2026-12-24")}, d("2027-01-12")),
        Case("rtf-lac16-discussion-summary", {"actual meeting": d("2027-12-24")}, d("2028-01-19")),
        # 28 calendar days after 24 Dec 2027 = Fri 21 Jan 2028.
        Case("rtf-pp-review", {"pathway plan review trigger": d("2027-12-24")}, d("2028-01-21")),
        Case("rtf-pp-progress-report", {"scheduled meeting": d("2027-04-01")}, d("2027-03-23")),
        Case("rtf-pp-update", {"actual meeting": d("2027-03-25")}, d("2027-04-12")),
        Case("rtf-pp-review-record", {"actual meeting": d("2026-12-24")}, d("2027-01-19")),
        # Discharge on Tue 1 Jun 2027 comes before the 18th birthday (Sat 5 Jun -> Mon 7 Jun).
        Case(
            "rtf-lac-end",
            {"discharge from care": d("2027-06-01"), "date of birth": d("2009-06-05")},
            d("2027-06-01"),
        ),
        # 18th birthday Sun 26 Dec 2027; Mon 27 and Tue 28 are bank holidays: Wed 29 Dec,
        # earlier than the discharge on 10 Jan 2028.
        Case(
            "rtf-lac-end",
            {"discharge from care": d("2028-01-10"), "date of birth": d("2009-12-26")},
            d("2027-12-29"),
        ),
        # 18th birthday on a weekday bank holiday (Mon 31 May 2027): only a weekend
        # moves it, so it stays, before the discharge on Thu 10 Jun 2027.
        Case(
            "rtf-lac-end",
            {"discharge from care": d("2027-06-10"), "date of birth": d("2009-05-31")},
            d("2027-05-31"),
        ),
        # 18th birthday Sat 25 Dec 2027: Mon 27 and Tue 28 are bank holidays, so the
        # next working day is Wed 29 Dec.
        Case(
            "rtf-lac-end",
            {"discharge from care": d("2028-01-10"), "date of birth": d("2009-12-25")},
            d("2027-12-29"),
        ),
        # 18th birthday on a working day (Thu 25 Mar 2027) stays.
        Case(
            "rtf-lac-end",
            {"discharge from care": d("2027-03-31"), "date of birth": d("2009-03-25")},
            d("2027-03-25"),
        ),
        Case("rtf-period-of-care-end", {"discharge from care": d("2027-12-27")}, d("2027-12-27")),
        # -- Adoption
        Case(
            "rtf-adoption-workflow", {"adoption plan identified": d("2026-12-24")}, d("2027-01-05")
        ),
        Case(
            "rtf-cpr-start-5-plus",
            {"LAC review agreeing adoption": d("2027-12-24")},
            d("2028-01-12"),
        ),
        # 10 calendar days before Mon 4 Jan 2027 = Fri 25 Dec 2026.
        Case("rtf-cpr-bundle", {"placement order application": d("2027-01-04")}, d("2026-12-25")),
        # Due with the bundle: 10 days before Mon 5 Apr 2027 = Fri 26 Mar.
        Case(
            "rtf-cpr-quality-check",
            {"placement order application": d("2027-04-05")},
            d("2027-03-26"),
        ),
        Case(
            "rtf-cpr-parents-sign",
            {"placement order application": d("2027-04-05")},
            d("2027-03-26"),
        ),
        Case(
            "rtf-adoption-medical-record",
            {"medical request sent": d("2027-03-29")},
            d("2027-03-29"),
        ),
        Case("rtf-adoption-placement-report", {"adoption panel": d("2027-04-01")}, d("2027-03-16")),
        Case("rtf-adoption-plan", {"adoption panel": d("2028-01-05")}, d("2027-12-17")),
        Case(
            "rtf-placement-plan-checklist",
            {"adoption placement meeting": d("2027-12-24")},
            d("2027-12-24"),
        ),
        Case(
            "rtf-introductions-diary",
            {"adoption placement meeting": d("2026-12-28")},
            d("2026-12-28"),
        ),
        Case(
            "rtf-introductions-review",
            {"mid-point of introductions": d("2027-03-26")},
            d("2027-03-26"),
        ),
        # 31 Aug 2027 + 6 months = 31 Feb, clipped to 29 Feb 2028; then 29 Aug 2028.
        Case(
            "rtf-adoption-review",
            {"previous adoption review": d("2027-08-31")},
            d("2028-02-29"),
            schedule=(d("2028-08-29"),),
        ),
        Case("rtf-adoption-review-pmr", {"scheduled meeting": d("2027-01-05")}, d("2026-12-24")),
        Case("rtf-adoption-review-minutes", {"actual meeting": d("2027-12-24")}, d("2028-01-05")),
        Case("rtf-adoption-review-care-plan", {"actual meeting": d("2027-03-25")}, d("2027-04-12")),
        Case(
            "rtf-adoption-review-discussion-summary",
            {"actual meeting": d("2027-12-24")},
            d("2028-01-19"),
        ),
        # -- Other case recording
        Case("rtf-initial-sw-visit", {"contact": t("2026-12-24T11:00")}, d("2027-01-05")),
        Case("rtf-initial-sw-visit-note", {"visit": d("2026-12-24")}, d("2026-12-30")),
        Case("rtf-fs-initial-visit", {"contact": d("2027-03-25")}, d("2027-04-12")),
        Case("rtf-fs-initial-visit-note", {"visit": d("2027-03-25")}, d("2027-03-31")),
        # 42 days after Fri 24 Dec 2027: 7 to 31 Dec, 31 in Jan, Fri 4 Feb 2028.
        Case("rtf-step-down-visit", {"step down": d("2027-12-24")}, d("2028-02-04")),
        Case("rtf-step-down-visit-note", {"visit": d("2027-12-24")}, d("2027-12-30")),
        Case(
            "rtf-fs-child-seen-visit",
            {"family support plan meeting": d("2027-03-25")},
            d("2027-05-11"),
        ),
        Case("rtf-fs-child-seen-visit-note", {"visit": d("2026-12-31")}, d("2027-01-05")),
        Case(
            "rtf-cin-visit",
            {"previous visit": d("2026-12-24")},
            d("2027-02-09"),
            target=d("2027-01-21"),
        ),
        # Thu 23 Dec 2027: day 1 Fri 24 Dec, day 2 Wed 29 Dec.
        Case("rtf-cin-visit-note", {"visit": d("2027-12-23")}, d("2027-12-29")),
        # 10 working days after Thu 25 Mar 2027 = Mon 12 Apr (2 weeks would be Thu 8 Apr).
        Case("rtf-cp-visit", {"previous visit": d("2027-03-25")}, d("2027-04-12")),
        Case("rtf-cp-visit-note", {"visit": d("2027-03-26")}, d("2027-03-31")),
        Case(
            "rtf-lac-visit-placement-day",
            {"placement start": t("2026-12-25T15:00")},
            d("2026-12-25"),
        ),
        Case("rtf-lac-visit-first-week", {"placement start": d("2026-12-24")}, d("2026-12-31")),
        # Placed with parents: 4 weeks whatever the year: 24 Dec 2026 + 28 days = 21 Jan 2027.
        Case(
            "rtf-lac-visit-later",
            {"placed with parents": True, "previous visit": d("2026-12-24")},
            d("2027-01-21"),
        ),
        # Matched for permanence but inside the first year: still 6 weeks (Mon 2 Mar 2026 + 42
        # days = Mon 13 Apr), best practice 4 weeks (Mon 30 Mar).
        Case(
            "rtf-lac-visit-later",
            {
                "placed with parents": False,
                "first year of care/placement": True,
                "matched for permanence": True,
                "previous visit": d("2026-03-02"),
            },
            d("2026-04-13"),
            target=d("2026-03-30"),
        ),
        # Matched, after the first year: 12 weeks, 2 Mar 2026 + 84 days = Mon 25 May 2026.
        Case(
            "rtf-lac-visit-later",
            {
                "placed with parents": False,
                "first year of care/placement": False,
                "matched for permanence": True,
                "previous visit": d("2026-03-02"),
            },
            d("2026-05-25"),
        ),
        # Not matched, after the first year: 6 weeks kept, with no first-year target.
        Case(
            "rtf-lac-visit-later",
            {
                "placed with parents": False,
                "first year of care/placement": False,
                "matched for permanence": False,
                "previous visit": d("2026-03-02"),
            },
            d("2026-04-13"),
        ),
        # Inside the first year, not matched: 24 Dec 2026 + 42 days = 4 Feb 2027, target 21 Jan.
        Case(
            "rtf-lac-visit-later",
            {
                "placed with parents": False,
                "first year of care/placement": True,
                "matched for permanence": False,
                "previous visit": d("2026-12-24"),
            },
            d("2027-02-04"),
            target=d("2027-01-21"),
        ),
        # Matched, after the first year, across Christmas: 24 Dec 2026 + 84 days = 18 Mar 2027.
        Case(
            "rtf-lac-visit-later",
            {
                "placed with parents": False,
                "first year of care/placement": False,
                "matched for permanence": True,
                "previous visit": d("2026-12-24"),
            },
            d("2027-03-18"),
        ),
        Case("rtf-lac-visit-cp-plan", {"previous visit": d("2027-12-24")}, d("2028-01-26")),
        Case(
            "rtf-lac-bedroom-seen",
            {"bedroom last seen": d("2026-11-30")},
            d("2027-02-28"),
            schedule=(d("2027-05-28"),),
        ),
        Case("rtf-lac-seen-alone", {"last seen alone": d("2027-12-24")}, d("2028-03-24")),
        # First year of placement: 3-monthly even with permanence agreed (26 Mar + 3 months).
        Case(
            "rtf-lac-unannounced-visit",
            {
                "first year of care/placement": True,
                "permanence agreed": True,
                "last unannounced visit": d("2027-03-26"),
            },
            d("2027-06-26"),
        ),
        Case(
            "rtf-lac-unannounced-visit",
            {
                "first year of care/placement": False,
                "permanence agreed": True,
                "last unannounced visit": d("2027-03-26"),
            },
            d("2027-09-26"),
        ),
        Case(
            "rtf-lac-unannounced-visit",
            {
                "first year of care/placement": False,
                "permanence agreed": False,
                "last unannounced visit": d("2027-03-26"),
            },
            d("2027-06-26"),
        ),
        Case("rtf-lac-visit-note", {"visit": d("2027-12-24")}, d("2027-12-30")),
        # 7 days: 31 Dec 2026; then 28 days: 28 Jan 2027; then every 2 months.
        Case(
            "rtf-kit-visits-to-21",
            {"change of accommodation": d("2026-12-24")},
            d("2026-12-31"),
            schedule=(d("2027-01-28"), d("2027-03-28"), d("2027-05-28")),
        ),
        # Seen "before the Pathway Plan is reviewed": no later than the review's day (Easter Monday).
        Case(
            "rtf-kit-visits-to-21-pathway",
            {"pathway plan review": d("2027-03-29")},
            d("2027-03-29"),
        ),
        Case("rtf-kit-form-to-21", {"visit": d("2027-03-25")}, d("2027-03-31")),
        # 7 days: 31 Dec 2027; then 3 months: 31 Mar 2028; then 30 Jun (clipped).
        Case(
            "rtf-kit-visits-21-25",
            {"change of accommodation": d("2027-12-24")},
            d("2027-12-31"),
            schedule=(d("2028-03-31"), d("2028-06-30")),
        ),
        Case(
            "rtf-kit-visits-21-25-pathway",
            {"pathway plan review": d("2026-12-28")},
            d("2026-12-28"),
        ),
        Case("rtf-kit-form-21-25", {"visit": d("2026-12-24")}, d("2026-12-30")),
        Case("rtf-adoption-visit-first", {"placement start": d("2027-12-24")}, d("2027-12-31")),
        Case(
            "rtf-adoption-visit-later",
            {"first review held": False, "previous visit": d("2027-12-24")},
            d("2027-12-31"),
        ),
        Case(
            "rtf-adoption-visit-later",
            {
                "first review held": True,
                "placement under one year": True,
                "previous visit": d("2027-12-24"),
            },
            d("2028-02-04"),
        ),
        # 84 days after 24 Dec 2027: 7 to 31 Dec, 38 to 31 Jan, 67 to 29 Feb, Fri 17 Mar 2028.
        Case(
            "rtf-adoption-visit-later",
            {
                "first review held": True,
                "placement under one year": False,
                "previous visit": d("2027-12-24"),
            },
            d("2028-03-17"),
        ),
        Case("rtf-adoption-visit-note", {"visit": d("2027-03-25")}, d("2027-03-31")),
        Case(
            "rtf-step-up-request", {"risk escalation recognised": d("2027-12-28")}, d("2027-12-28")
        ),
        Case(
            "rtf-step-up-workflow", {"risk escalation recognised": d("2026-12-25")}, d("2026-12-25")
        ),
        Case("rtf-step-down", {"arrived in TRF tray": d("2027-01-01")}, d("2027-01-01")),
        Case("rtf-step-down-move", {"arrived in TRF tray": d("2027-03-29")}, d("2027-03-29")),
        Case("rtf-step-down-fs-plan", {"contact": d("2027-12-24")}, d("2028-01-12")),
        Case(
            "rtf-step-down-fs-plan-form", {"step down decision": d("2026-12-24")}, d("2027-01-05")
        ),
        Case(
            "rtf-ce-screening",
            {"screening request": t("2026-12-31T16:00")},
            t("2027-01-01T16:00"),
        ),
        # Sat 27 Mar 23:30 GMT + 24 hours = Sun 28 Mar 23:30 UTC = Mon 29 Mar 00:30 BST.
        Case(
            "rtf-ce-screening-tool",
            {"screening request": t("2027-03-27T23:30")},
            t("2027-03-29T00:30"),
        ),
        Case(
            "rtf-ce-planning-meetings",
            {"initial risk": "high", "strategy discussion": d("2026-12-24")},
            d("2027-01-07"),
            schedule=(d("2027-01-21"), d("2027-02-04")),
        ),
        # 10 calendar days after 24 Dec 2026 = Sun 3 Jan 2027; then 6-weekly: 14 Feb.
        Case(
            "rtf-ce-planning-meetings",
            {"initial risk": "medium", "screening": d("2026-12-24")},
            d("2027-01-03"),
            schedule=(d("2027-02-14"),),
        ),
        Case(
            "rtf-ce-planning-meetings",
            {"initial risk": "standard", "screening": d("2026-12-24")},
            d("2027-02-04"),
            schedule=(d("2027-03-18"),),
        ),
        Case("rtf-ce-review-form", {"actual meeting": d("2026-12-24")}, d("2027-01-05")),
        Case("rtf-ce-meeting-record", {"actual meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("rtf-ce-fs-plan-review", {"actual meeting": d("2027-12-24")}, d("2028-01-05")),
        Case("rtf-rhi", {"return home": t("2026-12-24T21:00")}, t("2026-12-27T21:00")),
        Case("rtf-rhi-record", {"return home interview": d("2027-12-24")}, d("2027-12-30")),
        Case("rtf-case-recordings", {"case contact": d("2026-12-24")}, d("2026-12-30")),
        Case("rtf-case-notes", {"case contact": d("2027-03-25")}, d("2027-03-31")),
        # 31 Mar + 3 months = 31 Jun, clipped to 30 Jun; projected on, 30 Sep.
        Case(
            "rtf-case-summary",
            {"previous case summary": d("2027-03-31")},
            d("2027-06-30"),
            schedule=(d("2027-09-30"),),
        ),
        # "At point of closure / transfer": the day itself, even Christmas Day.
        Case(
            "rtf-case-summary-closure",
            {"case closure or transfer": d("2026-12-25")},
            d("2026-12-25"),
        ),
        Case(
            "rtf-case-summary-note",
            {"assessment completed": d("2027-12-24")},
            d("2027-12-30"),
            schedule=(d("2028-03-30"), d("2028-06-30")),
        ),
        Case(
            "rtf-supervision",
            {"previous supervision": d("2026-12-24")},
            d("2027-01-21"),
            schedule=(d("2027-02-18"),),
        ),
        Case(
            "rtf-supervision-care-leavers",
            {"previous supervision": d("2026-12-24")},
            d("2027-03-24"),
        ),
        Case("rtf-supervision-record", {"supervision meeting": d("2027-03-25")}, d("2027-04-05")),
        Case("rtf-case-closure", {"case closure decision": d("2026-12-24")}, d("2027-01-05")),
        Case("rtf-closure-form", {"case closure decision": d("2027-12-24")}, d("2028-01-05")),
    ],
}


_LOADED: dict[str, Ruleset] = {}


def ruleset_named(name: str) -> Ruleset:
    if name not in _LOADED:
        _LOADED[name] = load_ruleset(RULESETS / f"{name}.timescales")
    return _LOADED[name]


def _params() -> list[Any]:
    params = []
    for name, cases in CASES.items():
        seen: dict[str, int] = {}
        for case in cases:
            seen[case.rule] = seen.get(case.rule, 0) + 1
            params.append(pytest.param(name, case, id=f"{case.rule}-{seen[case.rule]}"))
    return params


@pytest.mark.parametrize(("name", "case"), _params())
def test_golden_deadline(name: str, case: Case) -> None:
    deadline = ruleset_named(name).rule(case.rule).deadline(case.facts)
    assert (type(deadline.due), deadline.due) == (type(case.due), case.due)
    assert deadline.earliest == case.earliest
    assert deadline.target == case.target
    assert deadline.schedule[: len(case.schedule)] == case.schedule


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_computable_rule_has_a_golden_case(name: str) -> None:
    covered = {case.rule for case in CASES[name]}
    computable = {rule.id for rule in ruleset_named(name) if rule.is_fixed}
    assert computable - covered == set()
    assert covered - computable == set()


def test_recurring_rules_count_later_occurrences_from_actual_dates() -> None:
    rule = ruleset_named(LCS).rule("lcs-cla-review")
    # First review due 21 Jan 2027 but held on 20 Jan: the next is 91 days after the
    # actual date, Wed 21 Apr 2027 (10 days to 31 Jan, 28 in Feb, 31 in Mar, 21 in Apr).
    dues = rule.occurrence_dues({"CLA start": d("2026-12-24")}, [d("2027-01-20")])
    assert dues == [d("2027-01-21"), d("2027-04-21")]


def test_adoption_reviews_stop_when_the_adoption_order_is_made() -> None:
    rule = ruleset_named(RTF).rule("rtf-adoption-review")
    previous = {"previous adoption review": d("2027-08-31")}
    # Order made Mon 1 May 2028: the review due 29 Feb 2028 stands, 29 Aug 2028 does not.
    ended = rule.deadline({**previous, "adoption order": d("2028-05-01")})
    assert (ended.due, ended.schedule) == (d("2028-02-29"), ())
    # Order made on the day the next review is due: no review is due.
    assert rule.deadline({**previous, "adoption order": d("2028-02-29")}).not_required
    # Before the order the reviews go on.
    assert rule.deadline(previous).schedule[:2] == (d("2028-08-29"), d("2029-02-28"))


def test_later_lac_visits_need_to_know_whether_the_first_year_is_over() -> None:
    rule = ruleset_named(RTF).rule("rtf-lac-visit-later")
    facts = {
        "placed with parents": False,
        "matched for permanence": True,
        "previous visit": d("2026-03-02"),
    }
    with pytest.raises(MissingFactsError) as caught:
        rule.deadline(facts)
    assert "first year of care/placement" in str(caught.value)


def test_child_visit_has_no_timescale_for_a_child_neither_in_need_nor_s47() -> None:
    rule = ruleset_named(LCS).rule("lcs-referral-child-visit")
    with pytest.raises(NoApplicableAlternative):
        rule.deadline({"referral": d("2026-12-24"), "section 47": False, "child in need": False})


def test_cin_plan_after_review_conference_only_when_the_outcome_is_cin() -> None:
    rule = ruleset_named(RTF).rule("rtf-rcpc-cin-plan")
    with pytest.raises(NoApplicableAlternative):
        rule.deadline({"CiN outcome": False, "actual meeting": d("2027-03-25")})
