#!/usr/bin/env python3
"""Throughput of spaCy's blank English tokenizer plus the rule-based sentencizer.

Reads the `text` field of every line of a JSON Lines file into memory, then times
`nlp.pipe(texts)` with `spacy.blank("en")` + `sentencizer` (after one untimed warm-up pass).
Words are the tokens that are not whitespace (``not tok.is_space``), which favours spaCy
(`lede bench` counts only word and number tokens); ``words_no_punct`` leaves punctuation out
too, like lede. Counting is done in an untimed pass; the timed passes only run the pipeline. CPU time is
`time.process_time()` (this process, all threads). Prints one JSON object.
"""

import json
import sys
import time


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: spacy_bench.py FILE.jsonl [REPEAT]", file=sys.stderr)
        return 2
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    import spacy

    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    # untimed pass: count words the way the brief and lede do
    words = words_no_punct = tokens = sentences = 0
    for doc in nlp.pipe(texts, batch_size=256):
        tokens += len(doc)
        words += sum(1 for t in doc if not t.is_space)
        words_no_punct += sum(1 for t in doc if not t.is_space and not t.is_punct)
        sentences += sum(1 for _ in doc.sents)

    # timed passes: tokenizer + sentencizer only, no Python work per token
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=256):
            pass
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(
        json.dumps(
            {
                "spacy_version": spacy.__version__,
                "documents": len(texts),
                "words": words,
                "words_no_punct": words_no_punct,
                "tokens": tokens,
                "sentences": sentences,
                "repeat": repeat,
                "wall_seconds": wall,
                "cpu_seconds": cpu,
                "words_per_second": words * repeat / wall,
                "words_per_cpu_second": words * repeat / cpu,
                "words_no_punct_per_cpu_second": words_no_punct * repeat / cpu,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
