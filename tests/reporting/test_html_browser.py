"""The HTML report as a manager sees it, in a real headless Chromium at 1280 pixels."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from timescale_dsl.cli import main

from .browser import measure_page, print_to_pdf

ROOT = Path(__file__).parents[2]
ARTEFACTS = ROOT / "tests" / "artifacts"

# Runs in the page after it has loaded; returns what the test checks.
MEASURE = """
const root = document.documentElement;
const figures = Array.from(document.querySelectorAll("svg")).map(function (svg) {
  const figure = svg.closest("figure");
  const caption = figure ? figure.querySelector("figcaption") : null;
  const title = svg.querySelector("title");
  return {
    caption: caption ? caption.textContent.trim() : "",
    title: title ? title.textContent.trim() : "",
    visible: svg.getBoundingClientRect().width > 0
  };
});
const cells = Array.from(document.querySelectorAll("td, th"));
const tallest = Math.max.apply(null, cells.map(function (c) { return c.getBoundingClientRect().height; }));
const tables = Array.from(document.querySelectorAll("table")).map(function (t) {
  return t.getBoundingClientRect().height;
});
return {
  viewport: window.innerWidth,
  pageWidth: root.scrollWidth,
  figures: figures,
  tallestCell: tallest,
  tallestTable: Math.max.apply(null, tables),
  lineHeight: parseFloat(getComputedStyle(document.querySelector("td")).fontSize) * 2
};
"""


def test_html_report_renders_for_a_manager_at_1280_pixels(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = [
        "report",
        str(ROOT / "rulesets" / "lcs-liquidlogic.timescales"),
        str(ROOT / "examples" / "lcs-events.csv"),
        "--as-of", "2026-11-23", "--by", "team", "due_month",
        "--format", "html", "-o", str(page), "--no-progress",
    ]  # fmt: skip
    assert main(args) == 0
    found = measure_page(page, MEASURE, 1280, ARTEFACTS / "report-1280.png")
    assert isinstance(found, dict)
    assert found["viewport"] == 1280
    assert found["pageWidth"] <= 1280, "the page scrolls sideways at 1280 px"
    figures = found["figures"]
    assert len(figures) >= 4 + 8  # headline, per task, per month, lateness; one per team
    for figure in figures:
        assert figure["visible"] and figure["caption"] and figure["title"]
        assert figure["caption"].startswith(figure["title"])
    # No cell wraps onto several lines; no table runs on for thousands of pixels.
    assert found["tallestCell"] < found["lineHeight"]
    assert found["tallestTable"] < 2000
    assert (ARTEFACTS / "report-1280.png").stat().st_size > 10_000


def test_html_report_prints(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = [
        "report",
        str(ROOT / "rulesets" / "lcs-liquidlogic.timescales"),
        str(ROOT / "examples" / "lcs-events.csv"),
        "--as-of", "2026-11-23", "--by", "team",
        "--format", "html", "-o", str(page), "--no-progress",
    ]  # fmt: skip
    assert main(args) == 0
    pdf = print_to_pdf(page, ARTEFACTS / "report.pdf")
    assert pdf.startswith(b"%PDF-")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages >= 2  # a long report runs over pages rather than being cut off


def test_names_without_spaces_wrap_rather_than_widen_the_page(tmp_path: Path) -> None:
    events = tmp_path / "export.csv"
    frame = pd.read_csv(ROOT / "examples" / "lcs-events.csv", dtype=str, keep_default_na=False)
    long_team = "Locality_Team_" + "North_East_" * 20  # one word of 234 characters
    frame.loc[::3, "team"] = long_team
    frame = frame.rename(columns={"referral": "Referral_" + "Date_Recorded_" * 15})
    frame.to_csv(events, index=False)
    page = tmp_path / "report.html"
    args = [
        "report", str(ROOT / "rulesets" / "lcs-liquidlogic.timescales"), str(events),
        "--as-of", "2026-11-23", "--by", "team",
        "--format", "html", "-o", str(page), "--no-progress",
    ]  # fmt: skip
    assert main(args) == 0
    assert long_team in page.read_text(encoding="utf-8")
    found = measure_page(page, MEASURE, 1280, tmp_path / "long-names.png")
    assert isinstance(found, dict)
    assert found["pageWidth"] <= 1280, "a long name widens the page past 1280 px"
    assert found["tallestCell"] < found["lineHeight"]
