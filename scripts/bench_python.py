"""Throughput of the Python package's `pipe()` beside the CLI, on the same documents, in the
same run (a benchmark, not a test).

    python scripts/bench_python.py [FILE.jsonl] [--repeat N] [--threads 1,2] [--lede PATH]

Run it with a Python that has lede installed (`pip install ./crates/lede-python`). For each
thread count it times, alternately and `--repeat` times each:
- the CLI: `lede analyze --offsets chars --format jsonl --jobs N FILE > /dev/null` (reading the
  file, analysing, writing every record as JSON), and
- `pipe()`: `for record in lede.pipe(docs, jobs=N)` over the same documents, read into memory
  first (analysing, and building every record as a Python dict).
Both give the same records (crates/lede-python/tests/test_cli_parity.py). Figures are medians
over the repeats; words are the `text` analyser's word count. Default file:
../shared/data/news/fnc1-train-bodies.jsonl; default lede binary: target/release/lede.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

import lede

ROOT = pathlib.Path(__file__).resolve().parents[1]


def time_cli(lede_bin, path, jobs):
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(
            [lede_bin, "analyze", "--offsets", "chars", "--format", "jsonl", "--jobs", str(jobs), path],
            stdout=sink,
            check=False,
        )
    return time.perf_counter() - start


def time_pipe(docs, jobs):
    start = time.perf_counter()
    n = 0
    for _ in lede.pipe(docs, jobs=jobs):
        n += 1
    elapsed = time.perf_counter() - start
    assert n == len(docs)
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", default=str(ROOT.parent / "shared/data/news/fnc1-train-bodies.jsonl"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--lede", default=str(ROOT / "target/release/lede"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    with open(args.file, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    words = sum(r["results"].get("text", {}).get("words", 0) for r in lede.pipe(docs))
    size = sum(len(d.get("text", "").encode("utf-8")) for d in docs)
    runs = []
    for jobs in [int(t) for t in args.threads.split(",")]:
        cli, py = [], []
        time_pipe(docs[:50], jobs)  # warm-up: loads the models
        for _ in range(args.repeat):
            cli.append(time_cli(args.lede, args.file, jobs))
            py.append(time_pipe(docs, jobs))
        c, p = statistics.median(cli), statistics.median(py)
        runs.append(
            {
                "threads": jobs,
                "cli_seconds": round(c, 3),
                "pipe_seconds": round(p, 3),
                "cli_words_per_second": round(words / c),
                "pipe_words_per_second": round(words / p),
                "pipe_vs_cli": round(c / p, 3),
            }
        )
    report = {
        "file": args.file,
        "documents": len(docs),
        "words": words,
        "megabytes": round(size / 1e6, 2),
        "repeat": args.repeat,
        "lede_version": lede.__version__,
        "runs": runs,
    }
    if len(runs) > 1:
        report["pipe_speedup"] = round(runs[0]["pipe_seconds"] / runs[-1]["pipe_seconds"], 3)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{len(docs)} documents, {words} words, {report['megabytes']} MB; medians of {args.repeat} runs")
    print(f"{'threads':>7}  {'CLI s':>7}  {'pipe s':>7}  {'CLI words/s':>12}  {'pipe words/s':>12}  pipe/CLI")
    for r in runs:
        print(
            f"{r['threads']:>7}  {r['cli_seconds']:>7.2f}  {r['pipe_seconds']:>7.2f}  "
            f"{r['cli_words_per_second']:>12,}  {r['pipe_words_per_second']:>12,}  {r['pipe_vs_cli']:.0%}"
        )
    if "pipe_speedup" in report:
        print(f"pipe(): {runs[-1]['threads']} threads vs {runs[0]['threads']}: {report['pipe_speedup']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
