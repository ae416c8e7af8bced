"""The spaCy bridge: a pipeline component that runs lede on `doc.text`.

    import spacy
    import lede.spacy  # registers the "lede" factory (also found through an entry point)

    nlp = spacy.blank("en")
    nlp.add_pipe("lede", config={"date": "2023-04-20"})
    doc = nlp(text)
    doc.ents                 # entity mentions: PERSON, ORG, LOC, MISC
    doc._.quotes             # quotations as spans (label: kind); span._.lede: speaker, cue, ...
    doc._.timexes            # temporal expressions as spans (label: DATE, TIME, ...)
    doc._.stances            # one span per stance: its strongest evidence (label: FAVOR, ...)
    doc._.lede               # the whole record
    displacy.render(doc, style="span", options={"spans_key": "lede_quotes"})  # who said what

lede's spans are character offsets into `doc.text`; a span that does not fall on spaCy's token
boundaries is widened to the tokens it touches (`alignment_mode="expand"`). Each span's
`span._.lede` is the item of the record it comes from (mention, quotation, timex or stance).
"""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import filter_spans, minibatch

import lede

#: lede's entity types (CoNLL) as spaCy labels.
LABELS: Dict[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

#: The span group (`doc.spans[QUOTES_KEY]`) of quotations labelled with their speaker.
QUOTES_KEY = "lede_quotes"

# span ids say where in the record a span comes from: "<layer>:<index>"
_ITEMS = {
    "mention": ("entity", "mentions"),
    "quote": ("quote", "quotations"),
    "timex": ("timeline", "timexes"),
    "stance": ("stance", "stances"),
}


def _item(span: Span) -> Optional[Mapping[str, Any]]:
    record = span.doc._.lede
    layer, _, index = span.id_.partition(":")
    if record is None or layer not in _ITEMS or not index.isdigit():
        return None
    analyser, field = _ITEMS[layer]
    items = (record.get("results", {}).get(analyser) or {}).get(field) or []
    i = int(index)
    return items[i] if i < len(items) else None


def _register() -> None:
    for name in ("lede", "quotes", "timexes", "stances"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("lede"):
        Span.set_extension("lede", getter=_item)


_register()


class Lede:
    """The `lede` pipeline component (see the module's documentation)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "lede",
        *,
        analyzers: Optional[Sequence[str]] = None,
        targets: Optional[Sequence[str]] = None,
        date: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        overwrite_ents: bool = True,
        jobs: Optional[int] = None,
    ) -> None:
        self.name = name
        self.analyzers = list(analyzers) if analyzers is not None else None
        self.targets = list(targets) if targets is not None else None
        self.date = date
        self.labels = dict(LABELS if labels is None else labels)
        self.overwrite_ents = overwrite_ents
        self.jobs = jobs

    def _options(self) -> Dict[str, Any]:
        return {"analyzers": self.analyzers, "targets": self.targets, "date": self.date}

    def __call__(self, doc: Doc) -> Doc:
        return self._apply(doc, lede.analyze(doc.text, **self._options()))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Runs lede on many docs at once, on its thread pool."""
        for batch in minibatch(stream, size=batch_size):
            records = lede.pipe(
                [d.text for d in batch], jobs=self.jobs, batch_size=batch_size, **self._options()
            )
            for doc, record in zip(batch, records):
                yield self._apply(doc, record)

    def _span(self, doc: Doc, item: Optional[Mapping[str, Any]], label: str, span_id: str):
        if not item:
            return None
        return doc.char_span(
            item["start"], item["end"], label=label, alignment_mode="expand", span_id=span_id
        )

    def _apply(self, doc: Doc, record: Mapping[str, Any]) -> Doc:
        doc._.lede = record
        results = record.get("results", {})
        mentions = (results.get("entity") or {}).get("mentions", [])
        ents: List[Span] = []
        for i, m in enumerate(mentions):
            span = self._span(doc, m, self.labels.get(m.get("type"), m.get("type")), f"mention:{i}")
            if span is not None:
                ents.append(span)
        if self.overwrite_ents:
            doc.ents = filter_spans(ents)
        else:
            doc.ents = filter_spans(list(doc.ents) + ents)

        quotes: List[Span] = []
        by_speaker: List[Span] = []
        for i, q in enumerate((results.get("quote") or {}).get("quotations", [])):
            parts = q.get("parts") or []
            if not parts:
                continue
            whole = {"start": parts[0]["start"], "end": parts[-1]["end"]}
            span = self._span(doc, whole, q.get("kind", "quote"), f"quote:{i}")
            if span is None:
                continue
            quotes.append(span)
            speaker = (q.get("speaker") or {}).get("name") or "?"
            by_speaker.append(Span(doc, span.start, span.end, label=speaker, span_id=span.id_))
        doc._.quotes = quotes
        doc.spans[QUOTES_KEY] = SpanGroup(doc, name=QUOTES_KEY, spans=by_speaker)

        timexes: List[Span] = []
        for i, t in enumerate((results.get("timeline") or {}).get("timexes", [])):
            span = self._span(doc, t.get("span"), t.get("type", "TIMEX3"), f"timex:{i}")
            if span is not None:
                timexes.append(span)
        doc._.timexes = timexes

        stances: List[Span] = []
        for i, s in enumerate((results.get("stance") or {}).get("stances", [])):
            evidence = [e for e in s.get("evidence") or [] if e.get("span")]
            if not evidence:
                continue
            best = max(evidence, key=lambda e: abs(e.get("score") or 0.0))
            span = self._span(doc, best["span"], s.get("stance", "STANCE"), f"stance:{i}")
            if span is not None:
                stances.append(span)
        doc._.stances = stances
        return doc


@Language.factory(
    "lede",
    default_config={
        "analyzers": None,
        "targets": None,
        "date": None,
        "labels": None,
        "overwrite_ents": True,
        "jobs": None,
    },
)
def make_lede(
    nlp: Language,
    name: str,
    analyzers: Optional[List[str]],
    targets: Optional[List[str]],
    date: Optional[str],
    labels: Optional[Dict[str, str]],
    overwrite_ents: bool,
    jobs: Optional[int],
) -> Lede:
    """The `lede` component: `nlp.add_pipe("lede", config={...})`."""
    return Lede(
        nlp,
        name,
        analyzers=analyzers,
        targets=targets,
        date=date,
        labels=labels,
        overwrite_ents=overwrite_ents,
        jobs=jobs,
    )
