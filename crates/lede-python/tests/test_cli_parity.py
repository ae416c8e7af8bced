"""pipe() gives what the CLI gives: `lede analyze --offsets chars --format jsonl`."""

import json
import subprocess
import sys

import lede

from conftest import ROOT, shared_path


def lede_binary():
    exe = ROOT / "target" / "release" / ("lede.exe" if sys.platform == "win32" else "lede")
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "lede-cli"], cwd=ROOT, check=True)
    return exe


def cli_records(*args):
    out = subprocess.run(
        [str(lede_binary()), "analyze", "--offsets", "chars", "--format", "jsonl", *args],
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


def test_pipe_equals_the_cli_on_the_fnc1_bodies():
    path = shared_path("data", "news", "fnc1-train-bodies.jsonl")
    cli = cli_records(str(path))
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    ours = list(lede.pipe(docs, jobs=2))
    assert len(ours) == len(cli) == len(docs) > 1000
    for a, b in zip(ours, cli):
        assert a == b, a["id"]


def test_pipe_equals_the_cli_on_our_articles_and_bad_lines(tmp_path):
    articles = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    lines = [json.dumps({"id": p.name, "text": p.read_bytes().decode("utf-8")}) for p in articles]
    lines += ['{"id": "none"}', '{"id": "d", "text": "Rain.", "date": "soon"}', '{"text": ""}']
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli = cli_records("--date", "2024-03-12", str(jsonl))
    docs = [json.loads(line) for line in lines]
    ours = list(lede.pipe(docs, date="2024-03-12"))
    # ids of documents without one: the CLI names the line, pipe() the position
    assert cli[-1]["id"] == f"{jsonl}:{len(lines)}" and ours[-1]["id"] == str(len(lines) - 1)
    for a, b in zip(ours, cli):
        a, b = dict(a), dict(b)
        a.pop("id"), b.pop("id")
        assert a == b
    # plain-text files with their headline line
    texts = [p.read_bytes().decode("utf-8") for p in articles]
    cli = cli_records("--date", "2024-03-12", *map(str, articles))
    ours = list(lede.pipe(texts, date="2024-03-12", first_line_title=True))
    for a, b, p in zip(ours, cli, articles):
        assert b["id"] == str(p)
        assert {**a, "id": None} == {**b, "id": None}
