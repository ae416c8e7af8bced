"""Shared fixtures: paths to the repository's articles and to the shared gold data.

Articles are read as `path.read_bytes().decode("utf-8")`: `read_text` would turn CRLF into LF,
and offsets count every character of the text as lede reads it.
"""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
SHARED = pathlib.Path(os.environ.get("LEDE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> pathlib.Path:
    """A file of ../shared, or a visible skip when it is absent (it is never committed)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data, present in CI)")
    return path


@pytest.fixture
def corpus() -> pathlib.Path:
    return ROOT / "tests" / "corpus"
