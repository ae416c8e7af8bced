"""The Python API: analyze(), pipe(), analyzers(), offsets, errors, laziness, the GIL."""

import datetime
import json
import pathlib
import re
import threading

import pytest

import lede

from conftest import ROOT, shared_path


def spans(value):
    """Every span of a record: a dict with integer `start` and `end` and a string `text`."""
    if isinstance(value, dict):
        if (
            isinstance(value.get("start"), int)
            and isinstance(value.get("end"), int)
            and isinstance(value.get("text"), str)
        ):
            yield value
        for v in value.values():
            yield from spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from spans(v)


def speakers(record):
    return {
        (q.get("speaker") or {}).get("name")
        for q in record["results"]["quote"]["quotations"]
    } - {None}


def test_version_and_analyzers():
    cargo = (ROOT / "Cargo.toml").read_text()
    version = re.search(r'^version = "([^"]+)"', cargo, re.M).group(1)
    assert lede.__version__ == version
    assert lede.SCHEMA_VERSION == 1
    infos = {a["name"]: a for a in lede.analyzers()}
    assert {"text", "entity", "quote", "timeline", "stance"} <= set(infos)
    assert "entity" in infos["quote"]["requires"]
    assert all(a["version"] and a["description"] for a in infos.values())
    # with a selection: what it requires first, in the order they run
    order = [a["name"] for a in lede.analyzers(analyzers=["quote"])]
    assert order.index("entity") < order.index("quote")
    with pytest.raises(ValueError, match="unknown analyser `nope`"):
        lede.analyzers(analyzers=["nope"])


def test_seed_speakers_and_spans():
    path = shared_path("seed")
    for article in sorted(path.glob("*.txt")):
        text = article.read_bytes().decode("utf-8")
        record = lede.analyze(text, first_line_title=True, date="2023-04-20")
        assert "error" not in record and "errors" not in record, record
        assert {"Jens Stoltenberg", "Dmitry Peskov"} <= speakers(record)
        assert record["metadata"]["date"] == "2023-04-20"
        found = list(spans(record))
        assert len(found) > 100
        for s in found:
            assert text[s["start"] : s["end"]] == s["text"]


def our_articles():
    return sorted((ROOT / "tests" / "corpus").glob("*.txt"))


# characters outside the Basic Multilingual Plane (4 bytes in UTF-8, 2 UTF-16 units), wide and
# combining characters: each shifts byte offsets against character offsets differently
ODD = ["🙂 ", "𝒳𝒴 ", "e\u0301 ", "東京 ", "👩‍👩‍👧 "]


def with_odd_characters(text):
    """The text with odd characters opening each paragraph and inside some words."""
    pieces = re.split(r"(\r?\n[ \t]*\r?\n)", text)
    out = [p if i % 2 else ODD[(i // 2) % len(ODD)] + p for i, p in enumerate(pieces)]
    return "".join(out).replace(" the ", " the🚀 ", 3)


@pytest.mark.parametrize("article", our_articles(), ids=lambda p: p.name)
def test_every_span_slices_the_python_string(article):
    text = with_odd_characters(article.read_bytes().decode("utf-8"))
    assert len(text.encode("utf-8")) > len(text) + 20
    record = lede.analyze(text, first_line_title=True, date="2024-03-12")
    assert "error" not in record and "errors" not in record, record
    found = list(spans(record))
    assert found, "no span at all"
    for s in found:
        assert text[s["start"] : s["end"]] == s["text"], s
    # byte offsets, when asked for
    data = text.encode("utf-8")
    raw = lede.analyze(text, first_line_title=True, date="2024-03-12", offsets="bytes")
    for s in spans(raw):
        assert data[s["start"] : s["end"]].decode("utf-8") == s["text"], s


def test_first_line_title_reads_like_a_plain_text_file():
    text = "Port Talks Resume\n\nLagos: Talks resumed, the union said.\n"
    record = lede.analyze(text, first_line_title=True, date=datetime.date(2024, 5, 2), analyzers=["text"])
    meta = record["metadata"]
    assert meta["title"] == "Port Talks Resume"
    assert meta["headline"] == {"start": 0, "end": 17, "text": "Port Talks Resume"}
    assert meta["date"] == "2024-05-02"
    assert meta["dateline"]["text"] == "Lagos: "
    plain = lede.analyze(text, title="Given", analyzers=["text"], id="x1")
    assert plain["id"] == "x1" and plain["metadata"]["title"] == "Given"
    assert "headline" not in plain["metadata"]


def test_document_errors_are_records():
    docs = [
        "",
        "   \n ",
        {"title": "no text"},
        {"id": "n", "text": 5},
        {"id": 7, "text": "Maria Okafor said it would rain.", "date": "May 2"},
        42,
        {"id": "ok", "text": "Maria Okafor said it would rain.", "date": "2024-05-02"},
        "\ud800 a lone surrogate",
        {"id": "big", "text": "word " * 100},
    ]
    records = list(lede.pipe(docs, max_doc_bytes=300))
    assert [r["id"] for r in records] == ["0", "1", "2", "n", "7", "5", "ok", "7", "big"]
    errors = [r.get("error") for r in records]
    assert errors[0] == errors[1] == "document is empty"
    assert errors[2] == "JSON object has no `text` field"
    assert records[2]["metadata"] == {"title": "no text"}
    assert errors[3] == "`text` is not a string"
    assert errors[4].startswith('invalid `date` "May 2"')
    assert errors[5] == "a document must be a str or a dict, not int"
    assert errors[6] is None and records[6]["results"]["quote"]["quotations"]
    assert records[6]["metadata"]["date"] == "2024-05-02"
    assert "lone surrogate" in errors[7]
    assert errors[8].startswith("document is larger than the limit of 300 bytes (raise it with max_doc_bytes=)")
    for r in records:
        if r.get("error"):
            assert r["results"] == {} and r["schema_version"] == 1
    # one document: the same record
    empty = lede.analyze("")
    assert empty["error"] == "document is empty" and empty["id"] == "0"


def test_usage_errors_raise():
    with pytest.raises(ValueError, match="unknown analyser"):
        lede.analyze("Text.", analyzers=["nope"])
    with pytest.raises(ValueError, match="invalid date"):
        lede.analyze("Text.", date="2024-02-30")
    with pytest.raises(ValueError, match="offsets"):
        lede.analyze("Text.", offsets="utf16")
    with pytest.raises(ValueError, match="jobs"):
        lede.pipe([], jobs=0)
    with pytest.raises(ValueError, match="batch_size"):
        lede.pipe([], batch_size=0)
    with pytest.raises(ValueError, match="plugin"):
        lede.analyze("Text.", plugins=["/nonexistent/libnothing.so"])
    with pytest.raises(TypeError):
        lede.analyze(b"bytes")
    with pytest.raises(TypeError):
        lede.pipe(5)


def test_pipe_is_lazy_and_in_input_order():
    texts = [p.read_bytes().decode("utf-8") for p in our_articles()]
    consumed = []

    def docs():
        for i, t in enumerate(texts * 3):
            consumed.append(i)
            yield {"id": f"d{i}", "text": t}

    it = lede.pipe(docs(), jobs=2, batch_size=4)
    first = next(it)
    assert first["id"] == "d0"
    assert len(consumed) == 4, "reads one batch at a time"
    rest = list(it)
    assert [r["id"] for r in [first] + rest] == [f"d{i}" for i in range(len(texts) * 3)]
    assert next(iter(it), None) is None


def test_pipe_same_records_for_any_thread_count_and_batch():
    docs = [{"id": p.name, "text": p.read_bytes().decode("utf-8")} for p in our_articles()]
    one = list(lede.pipe(docs, jobs=1, date="2024-03-12"))
    two = list(lede.pipe(docs, jobs=2, batch_size=3, date="2024-03-12"))
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    single = [lede.analyze(d["text"], id=d["id"], date="2024-03-12") for d in docs]
    assert json.dumps(single, sort_keys=True) == json.dumps(one, sort_keys=True)


def test_an_exception_in_the_input_comes_after_the_documents_before_it():
    def docs():
        yield "Maria Okafor said it would rain."
        yield "The union said talks had resumed."
        raise RuntimeError("input broke")

    it = lede.pipe(docs(), batch_size=10)
    assert next(it)["id"] == "0"
    assert next(it)["id"] == "1"
    with pytest.raises(RuntimeError, match="input broke"):
        next(it)


def test_the_gil_is_released_while_analysing():
    text = "\n\n".join(p.read_bytes().decode("utf-8") for p in our_articles()) * 4
    done = threading.Event()
    ticks = 0

    def work():
        lede.analyze(text)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    # the main thread runs Python while the worker is inside lede; with the GIL held there,
    # it could not run until the analysis ended
    while not done.is_set():
        ticks += 1
    worker.join()
    assert ticks > 1000, ticks


def numbers_plugin():
    name = {"linux": "liblede_plugin_numbers.so", "darwin": "liblede_plugin_numbers.dylib"}
    import sys

    lib = ROOT / "target" / "release" / name.get(sys.platform, "lede_plugin_numbers.dll")
    if not lib.exists():
        import subprocess

        subprocess.run(
            ["cargo", "build", "--release", "-p", "lede-plugin-numbers"], cwd=ROOT, check=True
        )
    return lib


def test_plugins_load_as_in_the_cli():
    lib = numbers_plugin()
    names = [a["name"] for a in lede.analyzers(plugins=[str(lib)])]
    assert names[-1] == "numbers"
    text = "The board offered $3 million, a 4.5% raise, to 300 nurses."
    record = lede.analyze(text, plugins=[lib], analyzers=["numbers"])
    assert "numbers" in record["results"], record
    found = list(spans(record["results"]["numbers"]))
    assert found
    for s in found:
        assert text[s["start"] : s["end"]] == s["text"]
    with pytest.raises(ValueError, match="no plugin of that name"):
        lede.analyze(text, plugins=[lib], plugin_options={"nope": {"x": 1}})
