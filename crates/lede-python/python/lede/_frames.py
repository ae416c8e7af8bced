"""`to_pandas`: records as a table, one row per entity mention, quotation, timex or stance."""

from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Union

Record = Mapping[str, Any]

#: The layers `to_pandas` can tabulate.
LAYERS = ("entities", "quotes", "timexes", "stances")


def _span(span: Optional[Mapping[str, Any]], prefix: str) -> Dict[str, Any]:
    span = span or {}
    return {
        prefix: span.get("text"),
        f"{prefix}_start": span.get("start"),
        f"{prefix}_end": span.get("end"),
    }


def _entities(record: Record) -> List[Dict[str, Any]]:
    out = record.get("results", {}).get("entity") or {}
    entities = {e.get("id"): e for e in out.get("entities", [])}
    rows = []
    for i, m in enumerate(out.get("mentions", [])):
        entity = entities.get(m.get("entity"), {})
        rows.append(
            {
                "mention": i,
                "start": m.get("start"),
                "end": m.get("end"),
                "text": m.get("text"),
                "type": m.get("type"),
                "kind": m.get("kind"),
                "entity": m.get("entity"),
                "canonical": entity.get("canonical"),
            }
        )
    return rows


def _quotes(record: Record) -> List[Dict[str, Any]]:
    out = record.get("results", {}).get("quote") or {}
    rows = []
    for i, q in enumerate(out.get("quotations", [])):
        parts = q.get("parts") or []
        speaker = q.get("speaker") or {}
        rows.append(
            {
                "quotation": i,
                "kind": q.get("kind"),
                "speaker": speaker.get("name"),
                "speaker_type": speaker.get("type"),
                "speaker_entity": speaker.get("entity"),
                "via": speaker.get("via"),
                "start": parts[0].get("start") if parts else None,
                "end": parts[-1].get("end") if parts else None,
                "text": q.get("text"),
                **_span(q.get("cue"), "cue"),
                **_span(q.get("source"), "source"),
                "confidence": q.get("confidence"),
            }
        )
    return rows


def _timexes(record: Record) -> List[Dict[str, Any]]:
    out = record.get("results", {}).get("timeline") or {}
    rows = []
    for t in out.get("timexes", []):
        span = t.get("span") or {}
        rows.append(
            {
                "timex": t.get("id"),
                "start": span.get("start"),
                "end": span.get("end"),
                "text": span.get("text"),
                "type": t.get("type"),
                "value": t.get("value"),
                "resolved": t.get("resolved"),
                **_span(t.get("event"), "event"),
            }
        )
    return rows


def _stances(record: Record) -> List[Dict[str, Any]]:
    out = record.get("results", {}).get("stance") or {}
    rows = []
    for i, s in enumerate(out.get("stances", [])):
        evidence = s.get("evidence") or []
        rows.append(
            {
                "stance_id": i,
                "actor": s.get("actor"),
                "actor_entity": s.get("actor_entity"),
                "target": s.get("target_label"),
                "stance": s.get("stance"),
                "score": s.get("score"),
                "evidence": [(e.get("span") or {}).get("text") for e in evidence],
            }
        )
    return rows


_ROWS: Dict[str, Callable[[Record], List[Dict[str, Any]]]] = {
    "entities": _entities,
    "quotes": _quotes,
    "timexes": _timexes,
    "stances": _stances,
}


def to_pandas(records: Union[Record, Iterable[Record]], layer: str) -> Any:
    """One `pandas.DataFrame` row per item of `layer` over `records`.

    `layer` is one of `LAYERS`: `"entities"` (one row per entity mention, with its entity's
    canonical name), `"quotes"` (one per quotation: kind, speaker, the words, cue, source),
    `"timexes"` (one per temporal expression: type, normalised value) or `"stances"` (one per
    actor and target: stance, score, the evidence's words). Every row starts with the
    document's `id`; offsets are as in the records. `records` is one record or an iterable of
    them (a `pipe()` is consumed); records with an `error` add no rows. Needs pandas.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("lede.to_pandas needs pandas: pip install pandas") from e
    rows_of = _ROWS.get(layer)
    if rows_of is None:
        raise ValueError(f"unknown layer {layer!r}: expected one of {', '.join(LAYERS)}")
    if isinstance(records, Mapping):
        records = [records]
    rows: List[Dict[str, Any]] = []
    for record in records:
        for row in rows_of(record):
            rows.append({"id": record.get("id"), **row})
    if not rows:
        columns = ["id"] + list(rows_of({"results": _EMPTY[layer]})[0].keys())
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows)


# one item of each layer, to name the columns of an empty table
_EMPTY: Dict[str, Dict[str, Any]] = {
    "entities": {"entity": {"mentions": [{}], "entities": []}},
    "quotes": {"quote": {"quotations": [{}]}},
    "timexes": {"timeline": {"timexes": [{}]}},
    "stances": {"stance": {"stances": [{}]}},
}
