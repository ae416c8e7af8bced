"""Shared fixtures: paths to the repository's articles and to the shared gold data."""

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
