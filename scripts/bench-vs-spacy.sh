#!/usr/bin/env bash
# Text layers of lede against spaCy's blank English tokenizer + sentencizer, on the same JSON
# Lines file in the same run, in words per CPU-second.
#
#   scripts/bench-vs-spacy.sh [FILE.jsonl] [REPEAT]
#
# Default file: ../shared/data/news/fnc1-train-bodies.jsonl. spaCy is installed from PyPI into
# .venv-bench/ (gitignored) when it is missing there. lede is built in release mode (or set
# LEDE=path/to/lede to use a binary already built).
# Words: lede counts word and number tokens; spaCy's figure counts every non-space token
# (punctuation too), which favours spaCy; the ratio without punctuation is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${1:-../shared/data/news/fnc1-train-bodies.jsonl}
REPEAT=${2:-3}
VENV=.venv-bench

if [ ! -f "$FILE" ]; then
  echo "error: $FILE not found (give a JSON Lines file with a \"text\" field)" >&2
  exit 2
fi
if ! "$VENV/bin/python" -c "import spacy" 2>/dev/null; then
  echo "== installing spaCy into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet spacy >&2
fi

if [ -z "${LEDE:-}" ]; then
  echo "== building lede (release)" >&2
  cargo build --quiet --release -p lede-cli
  LEDE=target/release/lede
fi

echo "== lede bench --layers-only (1 thread)" >&2
lede_json=$("$LEDE" bench --layers-only --threads 1 --repeat "$REPEAT" --format json "$FILE")
echo "== spaCy blank('en') + sentencizer" >&2
spacy_json=$("$VENV/bin/python" scripts/spacy_bench.py "$FILE" "$REPEAT")

python3 - "$lede_json" "$spacy_json" <<'PY'
import json, sys
lede, spacy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
run = lede["runs"][0]
l, s = run["words_per_cpu_second"], spacy["words_per_cpu_second"]
print(f"corpus: {lede['documents']} documents; words per pass: lede {lede['words']}, spaCy {spacy['words']}")
print(f"lede text layers (1 thread):           {l:14,.0f} words per CPU-second ({run['words_per_second']:,.0f} per wall second)")
print(f"spaCy {spacy['spacy_version']} blank en + sentencizer: {s:14,.0f} words per CPU-second ({spacy['words_per_second']:,.0f} per wall second)")
s2 = spacy["words_no_punct_per_cpu_second"]
print(f"ratio lede / spaCy: {l / s:.1f}x (spaCy words = non-space tokens); {l / s2:.1f}x (spaCy words without punctuation)")
print(json.dumps({"lede_words_per_cpu_second": l, "spacy_words_per_cpu_second": s, "ratio": l / s, "ratio_no_punct": l / s2}))
PY
