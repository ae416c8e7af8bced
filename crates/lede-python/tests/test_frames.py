"""to_pandas: one row per mention, quotation, timex or stance."""

import pytest

import lede

from conftest import ROOT

pd = pytest.importorskip("pandas", reason="to_pandas needs pandas (CI installs it)")


def records():
    docs = [
        {"id": p.name, "text": p.read_bytes().decode("utf-8")}
        for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    ]
    return list(lede.pipe(docs + [{"id": "bad"}], date="2024-03-12"))


def test_rows_match_the_records():
    recs = records()
    counts = {
        "entities": lambda r: len(r["results"].get("entity", {}).get("mentions", [])),
        "quotes": lambda r: len(r["results"].get("quote", {}).get("quotations", [])),
        "timexes": lambda r: len(r["results"].get("timeline", {}).get("timexes", [])),
        "stances": lambda r: len(r["results"].get("stance", {}).get("stances", [])),
    }
    for layer in lede.LAYERS:
        df = lede.to_pandas(recs, layer)
        assert len(df) == sum(counts[layer](r) for r in recs), layer
        assert len(df) > 0, layer
        assert df.columns[0] == "id"
        assert "bad" not in set(df["id"])
    ents = lede.to_pandas(recs, "entities")
    for row in ents.head(50).itertuples():
        assert isinstance(row.canonical, str) and row.type in {"PER", "ORG", "LOC", "MISC"}
    quotes = lede.to_pandas(iter(recs), "quotes")
    assert {"speaker", "kind", "text", "cue", "source", "confidence"} <= set(quotes.columns)
    assert quotes["speaker"].notna().any()


def test_one_record_empty_tables_and_bad_layers():
    one = lede.analyze("Nothing happens here.")
    df = lede.to_pandas(one, "quotes")
    assert len(df) == 0 and "speaker" in df.columns
    with pytest.raises(ValueError, match="unknown layer"):
        lede.to_pandas([one], "nope")
