"""Reading event logs: Excel's CSV, UK dates, column names, Parquet, DataFrames, bad files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import Ruleset
from timescale_dsl.errors import FactValueError
from timescale_dsl.facts import parse_when
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.reporting.reading.cells import read_flags, read_moments
from timescale_dsl.reporting.reading.events import ColumnMap, EventsError, read_events

AS_OF = dt.date(2027, 2, 1)
MINUTES = """
child_id,rule,completed_at,actual meeting
C1,minutes,07/01/2027 17:30,14/12/2026
C2,minutes,2027-01-11T09:00,2026-12-14
"""


def _statuses(ruleset: Ruleset, path: Path | pd.DataFrame, **columns: str) -> list[str]:
    measured = measure(path, ruleset, AS_OF, ColumnMap(**columns))
    assert measured.rows_rejected == 0, measured.rejects.to_dict("records")
    return [str(s) for s in measured.rows["status"]]


def test_excel_csv_with_bom_and_crlf_reads_like_plain_csv(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    plain = _statuses(ruleset, csv_file(MINUTES, "plain.csv"))
    excel = _statuses(ruleset, csv_file(MINUTES, "excel.csv", crlf=True, bom=True))
    assert plain == excel == ["on_time", "late"]
    log = read_events(csv_file(MINUTES, "excel2.csv", crlf=True, bom=True))
    assert list(log.frame.columns) == ["child_id", "rule", "completed_at", "actual meeting"]
    assert log.frame["actual meeting"].tolist() == ["14/12/2026", "2026-12-14"]


def test_uk_day_first_dates_are_never_read_month_first(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # 01/12/2026 is 1 December, not 12 January; 13/01 cannot be month-first at all.
    path = csv_file(
        """
        child_id,rule,completed_at,actual meeting
        C1,minutes,18/12/2026,01/12/2026
        C2,minutes,,13/01/2027 10:15
        """.replace("        ", "")
    )
    rows = measure(path, ruleset, AS_OF).rows
    assert rows["due"].tolist() == ["2026-12-22", "2027-02-03"]


def test_columns_match_facts_ignoring_case_spaces_underscores_and_hyphens(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
Child_ID,RULE,Completed-At,ACTUAL_MEETING,Section-47,contact
C1,minutes,2027-01-07,2026-12-14,,
C2,strategy,2026-01-05,,YES,2026-01-02
"""
    )
    measured = measure(path, ruleset, AS_OF)
    assert measured.rows_rejected == 0
    assert measured.rows["due"].tolist() == ["2027-01-07", "2026-01-05"]


def test_other_names_for_the_required_columns_are_mapped(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
Person ID,Form,Authorised Date,actual meeting
C1,minutes,07/01/2027,14/12/2026
"""
    )
    columns = {"child_id": "person id", "rule": "FORM", "completed_at": "authorised_date"}
    assert _statuses(ruleset, path, **columns) == ["on_time"]


def test_missing_required_columns_fail_at_once_naming_them(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file("child_id,task,when\nC1,minutes,2027-01-07\n")
    with pytest.raises(EventsError) as caught:
        measure(path, ruleset, AS_OF)
    message = str(caught.value)
    assert "missing required column(s): rule, completed_at" in message
    assert str(path) in message
    assert "columns found: child_id, task, when" in message


@pytest.mark.parametrize(
    ("header", "likely"),
    [
        (
            "Child ID,Form,Date Completed,Team",
            "likely --rule-column 'Form', --completed-column 'Date Completed'",
        ),
        (
            "Person Ref,Step Name,Completion Date,Team",
            "likely --child-column 'Person Ref', --rule-column 'Step Name', "
            "--completed-column 'Completion Date'",
        ),
        ("CASE_ID,Activity,Authorised On", "likely --child-column 'CASE_ID'"),
    ],
)
def test_a_missing_role_column_names_the_likely_one_without_using_it(
    ruleset: Ruleset, csv_file: Callable[..., Path], header: str, likely: str
) -> None:
    path = csv_file(header + "\n" + ",".join(["x"] * len(header.split(","))) + "\n")
    with pytest.raises(EventsError) as caught:
        measure(path, ruleset, AS_OF)
    assert likely in str(caught.value)


def test_no_likely_column_is_named_where_two_are_alike(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file("child_id,Form A,Form B,completed_at\nC1,x,y,2027-01-07\n")
    with pytest.raises(EventsError) as caught:
        measure(path, ruleset, AS_OF)
    assert "missing required column(s): rule " in str(caught.value)
    assert "; likely" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00rest of a workbook", "Excel .xlsx workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel .xls workbook"),
        (b"child_id,rule\nC1,caf\x81 visit\n", "not UTF-8 text (byte 0x81 at offset 20), nor"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (b"%PDF-1.7 a document", "PDF"),
    ],
)
def test_a_file_that_is_not_a_table_fails_with_what_it_looks_like(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    with pytest.raises(EventsError) as caught:
        read_events(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_text_file_that_is_not_a_table_fails_naming_the_missing_columns(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are some notes about the week.\nNothing tabular here.\n")
    with pytest.raises(EventsError, match=r"missing required column\(s\): child_id, rule"):
        measure(path, ruleset, AS_OF)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(EventsError, match=r"nowhere\.csv: no such file"):
        read_events(tmp_path / "nowhere.csv")


def test_columns_with_the_same_folded_name_are_refused(csv_file: Callable[..., Path]) -> None:
    with pytest.raises(EventsError, match="'child_id' and 'Child ID' have the same name"):
        read_events(csv_file("child_id,Child ID,rule,completed_at\n1,2,x,\n"))


def test_lines_with_the_wrong_number_of_fields_become_rejects_with_row_numbers(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,actual meeting
C1,minutes,2027-01-07,2026-12-14

C2,minutes,2027-01-07,2026-12-14,surplus
C3,minutes,2027-01-07,2026-12-14
C4,minutes
"""
    )
    measured = measure(path, ruleset, AS_OF)
    assert measured.rows_read == 4
    assert measured.rows_evaluated == 2
    rejects = measured.rejects
    assert rejects["row"].tolist() == [2, 4]
    assert "expected 4 fields, found 5" in rejects["reason"][0]
    assert "C2,minutes,2027-01-07,2026-12-14,surplus" in rejects["reason"][0]
    assert "expected 4 fields, found 2" in rejects["reason"][1]


def test_quoted_cells_may_hold_commas_and_line_breaks(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        "child_id,rule,completed_at,actual meeting,note\n"
        'C1,minutes,2027-01-07,2026-12-14,"late, because\nof the holidays"\n'
    )
    measured = measure(path, ruleset, AS_OF)
    assert measured.rows["note"].tolist() == ["late, because\nof the holidays"]


def test_parquet_and_dataframes_read_like_csv(
    ruleset: Ruleset, csv_file: Callable[..., Path], tmp_path: Path
) -> None:
    frame = read_events(csv_file(MINUTES)).frame
    frame.to_parquet(tmp_path / "events.parquet")
    assert _statuses(ruleset, tmp_path / "events.parquet") == ["on_time", "late"]
    assert _statuses(ruleset, frame) == ["on_time", "late"]


def test_typed_dataframe_columns_read_midnight_as_a_date(ruleset: Ruleset) -> None:
    frame = pd.DataFrame(
        {
            "child_id": ["C1", "C2", "C3"],
            "rule": ["rhi", "rhi", "rhi"],
            "completed_at": pd.to_datetime(
                ["2026-03-30 15:59", "2026-03-30 16:01", "2026-03-30 00:00"]
            ),
            "return": pd.to_datetime(["2026-03-27 15:00"] * 3),
        }
    )
    rows = measure(frame, ruleset, AS_OF).rows
    # 72 hours after Friday 15:00 GMT is Monday 16:00 BST; midnight reads as a date,
    # and a date-only completion on the due day is on time.
    assert rows["due"].tolist() == ["2026-03-30T16:00"] * 3
    assert rows["status"].tolist() == ["on_time", "late", "on_time"]


def test_python_dates_in_object_columns(ruleset: Ruleset) -> None:
    frame = pd.DataFrame(
        {
            "child_id": ["C1", "C2"],
            "rule": ["minutes", "minutes"],
            "completed_at": [dt.datetime(2027, 1, 7, 17, 30), None],
            "actual meeting": [dt.date(2026, 12, 14), "14/12/2026"],
        }
    )
    rows = measure(frame, ruleset, dt.date(2027, 1, 8)).rows
    assert rows["status"].tolist() == ["on_time", "overdue"]


# ------------------------------------------------------------------ exact reading
uk_texts = st.builds(
    lambda d, m, y, t, sep, mark, half: f"{d}{mark}{m}{mark}{y}" + (f"{sep}{t}{half}" if t else ""),
    st.integers(0, 32).map(str) | st.integers(1, 31).map(lambda n: f"{n:02d}"),
    st.integers(0, 13).map(str) | st.integers(1, 12).map(lambda n: f"{n:02d}"),
    st.integers(1, 9999).map(lambda n: f"{n:04d}"),
    st.one_of(
        st.none(),
        st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 25), st.integers(0, 61)),
        st.builds(
            lambda h, m, s: f"{h:02d}:{m:02d}:{s:02d}",
            st.integers(0, 24),
            st.integers(0, 60),
            st.integers(0, 61),
        ),
    ),
    st.sampled_from([" ", "T", "  "]),
    st.sampled_from(["/", "/", "-", "."]),
    st.sampled_from(["", "", " pm", "AM", " p.m."]),
)
iso_texts = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(lambda t: t.isoformat(sep=" ", timespec="minutes")),
    st.datetimes().map(lambda t: t.isoformat(timespec="seconds")),
    st.datetimes().map(lambda t: t.isoformat()),
    st.datetimes(timezones=st.just(dt.UTC)).map(lambda t: t.isoformat(timespec="minutes")),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?\Z"),
)
written_texts = st.builds(
    lambda day, month, year, clock: f"{day} {month} {year}{clock}",
    st.integers(0, 32),
    st.sampled_from(["Jan", "February", "sept", "Foo", "MAY"]),
    st.sampled_from(["2026", "26", "0001", "9999"]),
    st.sampled_from(["", " 14:30", " 2:30pm", " 13:00 pm", " 24:00"]),
)
any_texts = st.one_of(uk_texts, iso_texts, written_texts, st.text(max_size=20)).map(
    lambda s: s
) | st.builds(
    lambda a, s, b: a + s + b,
    st.sampled_from(["", " ", "\t"]),
    uk_texts | iso_texts,
    st.sampled_from(["", " ", "\u00a0"]),
)


@given(st.lists(any_texts, min_size=1, max_size=30))
def test_column_dates_read_exactly_as_parse_when_reads_each(texts: list[str]) -> None:
    read = read_moments(pd.Series(texts, dtype="str"))
    for row, text in enumerate(texts):
        if not text.strip():
            assert read.moments.item(row) is None and not read.bad[row]
            continue
        try:
            expected = parse_when(text)
        except (FactValueError, OverflowError):  # e.g. 0001-01-01T00:00+00:00
            assert read.bad[row], text
            continue
        assert not read.bad[row], text
        got = read.moments.item(row)
        assert got == expected and type(got) is type(expected), text


def test_flags_read_yes_no_true_false_and_refuse_anything_else() -> None:
    read = read_flags(pd.Series(["Yes", " no ", "TRUE", "0", "", None, "maybe"], dtype="str"))
    assert read.flags.known.tolist() == [True, True, True, True, False, False, False]
    assert read.flags.value.tolist() == [True, False, True, False, False, False, False]
    assert read.bad.tolist() == [False] * 6 + [True]
