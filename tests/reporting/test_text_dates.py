"""The ISO shape is found on the bytes exactly as the regular expression finds it."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.reporting.reading.textdates import _ISO, _iso_rows, _utf8

# Texts near the shape: its digits and marks, with other characters and lengths mixed in.
near_iso = st.one_of(
    st.text(alphabet="0123456789-: T", min_size=8, max_size=21),
    st.text(alphabet=st.sampled_from(list("0123456789-:T x/٣é\u00a0")), max_size=21),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?\Z"),
    st.builds(
        lambda text, at, char: text[:at] + char + text[at + 1 :],
        st.sampled_from(["2026-12-31", "2026-12-31T14:30", "2026-12-31 14:30:05"]),
        st.integers(0, 19),
        st.sampled_from(list("0-: Tx٣/")),
    ),
)


@given(st.lists(near_iso, min_size=1, max_size=40))
def test_the_iso_shape_on_bytes_is_the_regular_expression(texts: list[str]) -> None:
    text = pa.array(texts, type=pa.large_string())
    data, starts, lengths = _utf8(text)
    rows, _, has_time = _iso_rows(text, data, starts, lengths, np.arange(len(texts)))
    expected = np.flatnonzero(pc.match_substring_regex(text, _ISO).to_numpy(zero_copy_only=False))
    assert rows.tolist() == expected.tolist()
    assert has_time.tolist() == [len(texts[r]) > 10 for r in rows]
