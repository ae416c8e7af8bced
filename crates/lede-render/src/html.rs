//! `--format html`: one self-contained page per article, and an index of several pages.
