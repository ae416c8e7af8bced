//! `--format text`: a short summary of an article for people on a terminal.
