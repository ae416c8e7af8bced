"""lede: who said what in news articles.

Quotations with their speakers resolved to full names, named entities linked within the
article, a timeline normalised against the publication date, and the stance of actors toward
targets, from lede's Rust library (no model download, no service).

    >>> import lede
    >>> record = lede.analyze(text, title="...", date="2023-04-20")
    >>> for record in lede.pipe(texts_or_dicts, jobs=4): ...

Records are the `dict`s that `lede analyze --offsets chars --format jsonl` prints (see
docs/output.md and docs/record.schema.json): span offsets count characters, so
`text[span["start"]:span["end"]] == span["text"]`.
"""

from ._lede import SCHEMA_VERSION, Pipe, __version__, analyze, analyzers, pipe
from ._frames import LAYERS, to_pandas

__all__ = [
    "LAYERS",
    "SCHEMA_VERSION",
    "Pipe",
    "__version__",
    "analyze",
    "analyzers",
    "pipe",
    "to_pandas",
]
