"""Type stubs of the native module (crates/lede-python/src/lib.rs)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

__version__: str
SCHEMA_VERSION: int

Record = Dict[str, Any]
Date = Union[str, datetime.date, None]
Path = Union[str, "os.PathLike[str]"]

def analyze(
    text: str,
    *,
    id: Optional[str] = None,
    title: Optional[str] = None,
    date: Date = None,
    first_line_title: bool = False,
    analyzers: Optional[Sequence[str]] = None,
    targets: Optional[Sequence[str]] = None,
    headline: Optional[str] = None,
    lexicon: Optional[Path] = None,
    plugins: Optional[Sequence[Path]] = None,
    plugin_options: Optional[Mapping[str, Mapping[str, Any]]] = None,
    offsets: str = "chars",
) -> Record:
    """Analyses one article and returns its record.

    `text` has no headline line (give it as `title`), unless `first_line_title` says line 1
    is the headline, as in a plain-text file given to `lede analyze`; `date` is the publication date that
    relative dates are resolved against. An empty text gives a record with `error`. Unknown
    analysers and plugins that cannot load raise `ValueError`.
    """

def pipe(
    docs: Iterable[Union[str, Mapping[str, Any]]],
    *,
    jobs: Optional[int] = None,
    batch_size: Optional[int] = None,
    date: Date = None,
    first_line_title: bool = False,
    analyzers: Optional[Sequence[str]] = None,
    targets: Optional[Sequence[str]] = None,
    headline: Optional[str] = None,
    lexicon: Optional[Path] = None,
    plugins: Optional[Sequence[Path]] = None,
    plugin_options: Optional[Mapping[str, Mapping[str, Any]]] = None,
    offsets: str = "chars",
    max_doc_bytes: int = 4194304,
) -> "Pipe":
    """The records of many articles, lazily, in input order.

    `docs` are `str` (the text) or `dict`s with `id`, `text`, `title`, `date`, `source`, `url`,
    `section`. Batches of `batch_size` documents (default 16 per thread) run on `jobs` threads
    (default all cores) with the GIL released. A bad document yields its record with `error`.
    """

class Pipe(Iterator[Record]):
    """The iterator returned by `pipe()`."""

    def __iter__(self) -> "Pipe": ...
    def __next__(self) -> Record: ...

def analyzers(
    *,
    analyzers: Optional[Sequence[str]] = None,
    plugins: Optional[Sequence[Path]] = None,
) -> List[Dict[str, Any]]:
    """The available analysers: `name`, `version`, `requires`, `optional`, `description`."""
