"""Interchange formats seen from Python: TimeML files an XML parser accepts with the input's
text, and records valid against docs/record.schema.json."""

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

import lede

from conftest import ROOT
from test_cli_parity import cli_records, lede_binary


def our_articles():
    return sorted((ROOT / "tests" / "corpus").glob("*.txt")) + sorted(
        (ROOT / "examples" / "articles").glob("*.txt")
    )


TRICKY = [
    {"id": "marks", "text": 'He said "we will meet on Friday" & left <early> on 3 May 2024.\r\nNext week, talks.'},
    {"id": "odd", "text": "🙂 On 4 June 2023 the 𝒳 council met\tagain, \u0001 a control character."},
]


def test_timeml_files_parse_and_keep_the_text(tmp_path):
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps(d) for d in TRICKY) + "\n", encoding="utf-8")
    out = tmp_path / "tml"
    inputs = [str(p) for p in our_articles()] + [str(jsonl)]
    run = subprocess.run(
        [str(lede_binary()), "analyze", "--format", "timeml", "--date", "2024-03-12", "--out-dir", str(out), *inputs],
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr.decode()
    texts = [p.read_bytes().decode("utf-8") for p in our_articles()] + [d["text"] for d in TRICKY]
    files = sorted(out.glob("*.tml"))
    assert len(files) == len(texts)
    by_id = {}
    timexes = 0
    for f in files:
        root = ET.parse(f).getroot()  # an XML parser accepts it
        assert root.tag == "TimeML"
        text = "".join(root.find("TEXT").itertext())
        by_id[root.find("DOCID").text] = text
        timexes += len(root.find("TEXT").findall("TIMEX3"))
    assert timexes > 30
    ids = [str(p) for p in our_articles()] + [d["id"] for d in TRICKY]
    for doc_id, text in zip(ids, texts):
        if doc_id == "odd":
            # XML 1.0 cannot hold U+0001: written as U+FFFD, one character for one
            text = text.replace("\u0001", "\ufffd")
        assert by_id[doc_id] == text, doc_id


jsonschema = pytest.importorskip("jsonschema", reason="the schema check needs jsonschema (CI installs it)")


def test_records_are_valid_against_the_schema():
    schema = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    docs = [{"id": p.name, "text": p.read_bytes().decode("utf-8")} for p in our_articles()]
    records = list(lede.pipe(docs + TRICKY + ["", {"id": "no text"}, 5], date="2024-03-12"))
    records += list(lede.pipe(docs[:3], headline="Talks will resume", targets=["the levy"]))
    records += list(lede.pipe(docs[:3], offsets="bytes"))
    records += cli_records("--date", "2024-03-12", *map(str, our_articles()))
    fields = set()
    for r in records:
        errors = sorted(validator.iter_errors(r), key=lambda e: list(e.absolute_path))
        assert not errors, (
            f"{r['id']}: {errors[0].message} at {list(errors[0].absolute_path)}: "
            "docs/record.schema.json must describe every field of the output (update it)"
        )
        fields.update(r["results"])
    assert {"text", "entity", "quote", "timeline", "stance"} <= fields
    assert any(r["results"].get("stance", {}).get("headline") for r in records)
    assert any(r.get("error") for r in records)
