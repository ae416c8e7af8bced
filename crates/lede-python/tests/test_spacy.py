"""The spaCy bridge (runs where spaCy is installed: CI installs it in the test venv)."""

import pytest

from conftest import ROOT

spacy = pytest.importorskip("spacy", reason="the spaCy bridge needs spaCy (CI installs it)")

import lede  # noqa: E402
import lede.spacy as bridge  # noqa: E402


def article(name="01_diplomacy_geneva.txt"):
    return (ROOT / "tests" / "corpus" / name).read_bytes().decode("utf-8")


def nlp(**config):
    n = spacy.blank("en")
    n.add_pipe("lede", config={"date": "2024-03-12", **config})
    return n


def test_ents_quotes_timexes_and_stances():
    text = article()
    doc = nlp()(text)
    record = lede.analyze(text, date="2024-03-12")
    assert doc._.lede == record
    mentions = record["results"]["entity"]["mentions"]
    assert doc.ents, "no entity set"
    assert len(doc.ents) <= len(mentions)
    for ent in doc.ents:
        m = ent._.lede
        assert m is not None and ent.label_ == bridge.LABELS[m["type"]]
        # widened to spaCy's tokens at most
        assert ent.start_char <= m["start"] and m["end"] <= ent.end_char
        assert m["text"] in ent.text
    quotes = record["results"]["quote"]["quotations"]
    assert len(doc._.quotes) == len(quotes) > 0
    for span in doc._.quotes:
        q = span._.lede
        assert span.label_ == q["kind"]
        assert q["parts"][0]["text"] in span.text
    group = doc.spans[bridge.QUOTES_KEY]
    named = {q["speaker"]["name"] for q in quotes if q.get("speaker")}
    assert named and named <= {s.label_ for s in group}
    timexes = record["results"]["timeline"]["timexes"]
    assert len(doc._.timexes) == len(timexes) > 0
    for span in doc._.timexes:
        assert span.label_ == span._.lede["type"] and span._.lede["span"]["text"] in span.text
    for span in doc._.stances:
        assert span.label_ in {"FAVOR", "AGAINST", "NEUTRAL"}
        assert span._.lede["stance"] == span.label_


def test_displacy_shows_lede_results():
    from spacy import displacy

    doc = nlp()(article())
    html = displacy.render(doc, style="ent", page=False)
    for ent in doc.ents[:5]:
        assert ent.text.split()[0] in html
    html = displacy.render(doc, style="span", options={"spans_key": bridge.QUOTES_KEY})
    assert doc.spans[bridge.QUOTES_KEY][0].label_ in html


def test_nlp_pipe_equals_one_by_one_and_keeps_other_ents():
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    n = nlp(jobs=2)
    batched = list(n.pipe(texts, batch_size=5))
    single = [n(t) for t in texts]
    for a, b in zip(batched, single):
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents
        ]
        # ids are positions in the batch; everything else is the same
        assert {**a._.lede, "id": None} == {**b._.lede, "id": None}
    # labels can be mapped, and other components' entities kept
    m = spacy.blank("en")
    ruler = m.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "EVENT", "pattern": [{"LOWER": "next"}, {"LOWER": "month"}]}])
    m.add_pipe("lede", config={"labels": {"PER": "PER", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}, "overwrite_ents": False})
    text = article()
    assert "next month" in text
    doc = m(text)
    labels = {e.label_ for e in doc.ents}
    assert "PER" in labels and "PERSON" not in labels
    assert "EVENT" in labels, "the entity ruler's entity is kept"
