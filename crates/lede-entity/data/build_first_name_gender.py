"""Builds `first_name_gender.tsv`: `Name<TAB>m|f` for first names whose sex the 1990 US Census
name lists (public domain, packaged by `names` 0.3.0 on PyPI, MIT) make clear: names on one
list only, or on both with one frequency at least four times the other. Read by
`lede_entity::first_name_gender` (pronoun resolution in the quote analyser).

    python3 -m venv /tmp/gvenv && /tmp/gvenv/bin/pip install names==0.3.0
    /tmp/gvenv/bin/python crates/lede-entity/data/build_first_name_gender.py \
        > crates/lede-entity/data/first_name_gender.tsv
"""

import os

import names

names_dir = os.path.dirname(names.__file__)


def census(fname):
    """`NAME  freq  cumfreq  rank` lines -> {Name: freq}."""
    out = {}
    with open(os.path.join(names_dir, fname)) as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 2:
                out[cols[0].capitalize()] = float(cols[1])
    return out


male = census("dist.male.first")
female = census("dist.female.first")
for name in sorted(set(male) | set(female)):
    m, f = male.get(name, 0.0), female.get(name, 0.0)
    if m > 0 and (f == 0 or m >= 4 * f):
        print(f"{name}\tm")
    elif f > 0 and (m == 0 or f >= 4 * m):
        print(f"{name}\tf")
