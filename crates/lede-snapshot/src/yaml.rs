//! A small, deterministic YAML emitter over [`serde_json::Value`].
//!
//! Why not a YAML crate: `serde_yaml` is deprecated, and snapshots need one fixed layout that never
//! changes with a dependency upgrade (a layout change would fail every snapshot in every
//! newsroom's CI at once). The layout is the block style insta itself writes for
//! `assert_yaml_snapshot!`, so that `.snap` files look like any other insta snapshot:
//!
//! - object keys sorted (byte order), block mappings, sequences as `- ` items indented under
//!   their key;
//! - empty containers as `[]` / `{}`, null as `~`;
//! - strings plain when YAML reads them back as the same string, otherwise double-quoted with
//!   escapes; multi-line strings are always quoted with `\n` escapes (one value, one line).

use std::fmt::Write as _;

use serde_json::Value;

/// Renders `value` as a YAML document body (no `---` marker), ending with a newline.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => emit_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => emit_seq(&mut out, a, 0),
        scalar => {
            emit_scalar(&mut out, scalar);
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Writes a mapping whose first key goes at the current position (already indented) and whose
/// following keys go at `level`.
fn emit_map(out: &mut String, m: &serde_json::Map<String, Value>, level: usize) {
    // serde_json's map is a BTreeMap unless `preserve_order` is enabled somewhere in the build;
    // sort explicitly so a feature flipped by another crate cannot change snapshots.
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        emit_str(out, k);
        out.push(':');
        match v {
            Value::Object(child) if !child.is_empty() => {
                out.push('\n');
                indent(out, level + 1);
                emit_map(out, child, level + 1);
            }
            Value::Array(child) if !child.is_empty() => {
                out.push('\n');
                indent(out, level + 1);
                emit_seq(out, child, level + 1);
            }
            scalar => {
                out.push(' ');
                emit_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

/// Writes a sequence whose first item goes at the current position (already indented).
fn emit_seq(out: &mut String, a: &[Value], level: usize) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        out.push_str("- ");
        match v {
            // compact nested collections: `- key: value` / `- - item`, continued at level + 1
            Value::Object(child) if !child.is_empty() => emit_map(out, child, level + 1),
            Value::Array(child) if !child.is_empty() => emit_seq(out, child, level + 1),
            scalar => {
                emit_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

fn emit_scalar(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push('~'),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // serde_json prints integers exactly and floats in their shortest round-trip form.
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => emit_str(out, s),
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
}

/// Writes a string plain when that is safe, double-quoted otherwise.
pub fn emit_str(out: &mut String, s: &str) {
    if needs_quotes(s) {
        quote(out, s);
    } else {
        out.push_str(s);
    }
}

/// Writes a string the way insta writes its header values: plain unless insta's own rules (or
/// a control character) ask for quotes. Used for `.snap` headers so that `cargo insta accept`,
/// which re-serialises the header, leaves the file byte-identical.
pub fn emit_header_str(out: &mut String, s: &str) {
    if insta_needs_quotes(s) || s.chars().any(char::is_control) {
        quote(out, s);
    } else {
        out.push_str(s);
    }
}

/// True when a plain scalar would not be read back as this exact string (YAML 1.1 or 1.2), or
/// would break the block layout: insta's rules plus a few it misses (YAML 1.1 `y`/`n`
/// booleans, `.inf`-like words, number-like and date-like strings, every control and Unicode
/// line-break character).
pub fn needs_quotes(s: &str) -> bool {
    insta_needs_quotes(s)
        || ["y", "Y", "n", "N"].contains(&s)
        || s.starts_with(['.', '#'])
        || s.starts_with("0o")
        || s.chars().any(needs_escape)
        || looks_numeric(s)
}

/// insta's `need_quotes` (its vendored yaml-rust emitter), rule for rule.
fn insta_needs_quotes(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "yes", "Yes", "YES", "no", "No", "NO", "True", "TRUE", "true", "False", "FALSE", "false",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.starts_with(['&', '*', '?', '|', '-', '<', '>', '=', '!', '%', '@'])
        || s.contains([
            ':', '{', '}', '[', ']', ',', '#', '`', '"', '\'', '\\', '\t', '\n', '\r',
        ])
        || s.contains(|c: char| matches!(c, '\0'..='\x06' | '\x0e'..='\x1a' | '\x1c'..='\x1f'))
        || WORDS.contains(&s)
        || s.starts_with('.')
        || s.starts_with("0x")
        || s.parse::<i64>().is_ok()
        || s.parse::<f64>().is_ok()
}

/// Numbers YAML 1.1 resolvers accept that Rust's parsers do not (`1_000`, `+.5`, `0b1`, `1:20`
/// is caught by `:` already). Quoting a few extra strings costs nothing; missing one would turn
/// a string into a number on the reader's side.
fn looks_numeric(s: &str) -> bool {
    let t = s.trim_start_matches(['+', '-']);
    !t.is_empty()
        && t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.chars().all(|c| {
            c.is_ascii_hexdigit() || matches!(c, '_' | '.' | 'x' | 'o' | 'e' | 'E' | '+' | '-')
        })
}

/// Characters that cannot appear raw inside a one-line double-quoted scalar, or that YAML
/// readers treat as line breaks or strip.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_layout_matches_insta_block_style() {
        let v = json!({
            "words": 12,
            "paragraphs": [
                {"headline": true, "sentences": [{"start": 0, "end": 5, "text": "Hello"}]},
                {"sentences": []}
            ],
            "empty": {},
            "none": null,
            "nested": [[1, 2], []],
        });
        let expected = "\
empty: {}
nested:
  - - 1
    - 2
  - []
none: ~
paragraphs:
  - headline: true
    sentences:
      - end: 5
        start: 0
        text: Hello
  - sentences: []
words: 12
";
        assert_eq!(to_string(&v), expected);
    }

    #[test]
    fn top_level_scalars_and_empty_containers() {
        assert_eq!(to_string(&json!(3)), "3\n");
        assert_eq!(to_string(&json!("x")), "x\n");
        assert_eq!(to_string(&json!([])), "[]\n");
        assert_eq!(to_string(&json!({})), "{}\n");
        assert_eq!(to_string(&json!(null)), "~\n");
        assert_eq!(to_string(&json!(0.25)), "0.25\n");
    }

    #[test]
    fn strings_yaml_would_reinterpret_are_quoted() {
        for s in [
            "",
            " lead",
            "trail ",
            "true",
            "No",
            "y",
            "null",
            "~",
            "12",
            "-3",
            "1.5",
            "1e3",
            ".inf",
            "0x1F",
            "1_000",
            "a: b",
            "- item",
            "#tag",
            "key:",
            "[x]",
            "{x}",
            "a, b",
            "it's",
            "say \"hi\"",
            "back\\slash",
            "& anchor",
            "* alias",
            "! tag",
            "% dir",
            "@x",
            "`x`",
            "line\nbreak",
            "tab\there",
            "nul\u{0}",
            "sep\u{2028}x",
            "\u{feff}bom",
        ] {
            let mut out = String::new();
            emit_str(&mut out, s);
            assert!(out.starts_with('"') && out.ends_with('"'), "{s:?} -> {out}");
            // The quoted form is a JSON-compatible escape of the original.
            let back: String = serde_json::from_str(&out).expect("valid escape");
            assert_eq!(back, s);
        }
    }

    #[test]
    fn ordinary_text_stays_plain() {
        for s in [
            "Hello",
            "The minister said on Tuesday that talks would resume.",
            "tests/corpus/a.txt",
            "fnc1/train/0",
            "Zürich",
            "O'Neil",
        ] {
            let mut out = String::new();
            emit_str(&mut out, s);
            if s.contains('\'') {
                assert!(out.starts_with('"'));
            } else {
                assert_eq!(out, s);
            }
        }
    }

    #[test]
    fn keys_are_sorted_and_quoted_when_needed() {
        let v = json!({"b": 1, "a": 2, "true": 3, "x: y": 4});
        assert_eq!(to_string(&v), "a: 2\nb: 1\n\"true\": 3\n\"x: y\": 4\n");
    }

    #[test]
    fn multi_line_strings_stay_on_one_line() {
        let v = json!({"text": "first\nsecond"});
        assert_eq!(to_string(&v), "text: \"first\\nsecond\"\n");
    }

    #[test]
    fn header_strings_follow_insta_rules() {
        let header = |s: &str| {
            let mut out = String::new();
            emit_header_str(&mut out, s);
            out
        };
        // insta leaves these plain; quoting them would make `cargo insta accept` rewrite them
        assert_eq!(header("0.1.0"), "0.1.0");
        assert_eq!(header("tests/corpus/a.txt"), "tests/corpus/a.txt");
        assert_eq!(header("12"), "\"12\"");
        assert_eq!(header("feed.jsonl:3"), "\"feed.jsonl:3\"");
        assert_eq!(header("bell\u{7}"), "\"bell\\u0007\"");
    }
}
