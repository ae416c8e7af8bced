//! The renderers on records written here: what a page and a summary show, that markup from an
//! article stays text, and that odd records (bad spans, unknown analysers, changed shapes)
//! render without failing. (The CLI tests load real pages in Chromium.)

use std::collections::BTreeMap;

use lede_core::{AnalyzerFailure, Metadata, Record};
use lede_render::{html, text};
use serde_json::{json, Value};

const TEXT: &str = "Port Talks <b>Resume</b>\n\n“We will not <script>alert(1)</script> sign,” \
                    said Ada Okafor, the union leader, on Monday. Okafor met <img src=x onerror=alert(2)> Harbor Co.";

/// Byte span of the `n`-th occurrence (0-based) of `needle` in [`TEXT`].
fn span(needle: &str, n: usize) -> Value {
    let start = TEXT
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle} #{n} not in the text"))
        .0;
    json!({"start": start, "end": start + needle.len(), "text": needle})
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

fn record() -> Record {
    let mut results = BTreeMap::new();
    results.insert(
        "entity".to_owned(),
        json!({
            "entities": [
                {"id": 0, "canonical": "Ada Okafor", "type": "PER", "mentions": [0, 1],
                 "aliases": ["Okafor"], "roles": [{"role": "leader", "affiliation": "the union"}]},
                {"id": 1, "canonical": "Harbor Co.", "type": "ORG", "mentions": [2]}
            ],
            "mentions": [
                merge(span("Ada Okafor", 0), json!({"entity": 0, "type": "PER", "kind": "name"})),
                merge(span("Okafor", 1), json!({"entity": 0, "type": "PER", "kind": "name"})),
                merge(span("Harbor Co.", 0), json!({"entity": 1, "type": "ORG", "kind": "name"})),
            ]
        }),
    );
    let content = "We will not <script>alert(1)</script> sign,";
    results.insert(
        "quote".to_owned(),
        json!({"quotations": [
            {"kind": "direct", "parts": [span(content, 0)], "text": content,
             "cue": span("said", 0), "source": span("Ada Okafor, the union leader", 0),
             "speaker": {"entity": 0, "name": "Ada Okafor", "type": "PER", "via": "name"},
             "confidence": 0.9},
            // a quotation inside the first, by the same speaker: listed once
            {"kind": "partial", "parts": [span("We will not", 0)], "text": "We will not",
             "speaker": {"entity": 0, "name": "Ada Okafor", "type": "PER", "via": "name"}},
            {"kind": "term", "parts": [span("Resume", 0)], "text": "Resume"}
        ]}),
    );
    results.insert(
        "timeline".to_owned(),
        json!({"dct": "2024-05-02", "timexes": [
            {"id": "t1", "span": span("Monday", 0), "type": "DATE", "value": "2024-04-29",
             "resolved": true, "event": span("said", 0)}],
            "timeline": [{"value": "2024-04-29", "timex": "t1", "relation": "before",
                          "event": span("said", 0), "clause": span("said Ada Okafor", 0)}]}),
    );
    results.insert(
        "stance".to_owned(),
        json!({"stances": [{"actor": "Ada Okafor", "actor_entity": 0, "target": 0,
            "target_label": "the <deal>", "stance": "AGAINST", "score": -0.8,
            "evidence": [{"kind": "quote", "score": -2.0, "span": span(content, 0),
                          "cues": [{"start": 0, "end": 1, "text": "not", "weight": -2.0}]}]}],
            "targets": [{"label": "the <deal>", "kind": "entity", "source": "user"}]}),
    );
    results.insert("text".to_owned(), json!({"words": 21}));
    results.insert(
        "numbers".to_owned(),
        json!({"claims": [{"start": 0, "end": 4, "text": "Port", "kind": "<money>"}]}),
    );
    Record {
        schema_version: 1,
        id: "docs/<a>.txt".to_owned(),
        metadata: Metadata {
            title: Some("Port Talks <b>Resume</b>".to_owned()),
            source: Some("<i>Wire</i>".to_owned()),
            url: Some("javascript:alert(3)".to_owned()),
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, 2),
            ..Metadata::default()
        },
        results,
        errors: Vec::new(),
        error: None,
        text: Some(TEXT.to_owned()),
    }
}

fn page(r: &Record) -> String {
    html::page(r, r.text.as_deref())
}

/// Values of `attr="..."` in `html`, in order.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn distinct(mut v: Vec<String>) -> usize {
    v.sort();
    v.dedup();
    v.len()
}

#[test]
fn markup_from_the_article_is_escaped_everywhere() {
    let p = page(&record());
    // the page's own script is the only one, and nothing from the article became an element
    assert_eq!(p.matches("<script").count(), 1, "{p}");
    for tag in ["<img", "<b>", "<i>", "<deal>", "<money>", "<a>"] {
        assert!(!p.contains(tag), "{tag} in the page");
    }
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(2)&gt;",
        "Port Talks &lt;b&gt;Resume&lt;/b&gt;",
        "&lt;i&gt;Wire&lt;/i&gt;",
        "the &lt;deal&gt;",
    ] {
        assert!(p.contains(text), "{text} not in the page");
    }
    // a `javascript:` address is shown, not linked
    assert!(!p.contains("href=\"javascript:"));
    assert!(p.contains("javascript:alert(3)"));
}

#[test]
fn the_page_allows_only_its_own_script() {
    let p = page(&record());
    let csp = attr_values(&p, "content")
        .into_iter()
        .find(|c| c.starts_with("default-src"))
        .expect("a Content-Security-Policy");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("script-src 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe-inline'; script") && !csp.contains("script-src 'unsafe"));
    // nothing is loaded from elsewhere
    assert!(!p.contains("src=\"http") && !p.contains("<link"));
}

#[test]
fn every_mention_and_quotation_is_marked_and_speakers_are_badged_once() {
    let r = record();
    let p = page(&r);
    assert_eq!(distinct(attr_values(&p, "data-m")), 3);
    // quotations: the three marked in the text (the term too)
    let q: Vec<String> = p
        .match_indices("<span class=\"q q-")
        .map(|(i, _)| attr_values(&p[i..p[i..].find('>').unwrap() + i], "data-q")[0].clone())
        .collect();
    assert_eq!(distinct(q), 3);
    // one badge: the partial quotation inside the direct one repeats the speaker, the term
    // has none
    assert_eq!(attr_values(&p, "data-speaker"), ["Ada Okafor"]);
    // the who-said-what table lists the same one
    let table = &p[p.find("<table class=\"quotes\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<tr>").count(),
        2,
        "header and one row: {table}"
    );
    assert!(table.contains("leader, the union"));
    // entity chips, clickable by entity id
    assert_eq!(p.matches("class=\"m chip ").count(), 2);
    assert_eq!(distinct(attr_values(&p, "data-e")), 2);
}

#[test]
fn timeline_and_stance_link_into_the_text() {
    let p = page(&record());
    assert_eq!(p.matches("<circle").count(), 1);
    assert!(p.contains("publication date"));
    assert!(p.contains("id=\"t-t1\"") && p.contains("href=\"#t-t1\""));
    assert!(p.contains("id=\"ev0-0\"") && p.contains("href=\"#ev0-0\""));
    assert!(p.contains("AGAINST"));
    // the plugin's output is there, as JSON
    assert!(p.contains("numbers") && p.contains("&lt;money&gt;"));
}

#[test]
fn odd_records_render_without_failing() {
    // spans beyond the text or inside a character, outputs of an unknown shape, failures
    let mut r = record();
    r.results.insert(
        "entity".to_owned(),
        json!({"entities": "not a list", "mentions": []}),
    );
    r.results.insert(
        "quote".to_owned(),
        json!({"quotations": [{"kind": "direct", "parts": [{"start": 1, "end": 99999, "text": "x"}]},
                              {"kind": "direct", "parts": [{"start": 61, "end": 62, "text": "x"}]}]}),
    );
    r.errors.push(AnalyzerFailure {
        analyzer: "stance".to_owned(),
        message: "it <broke>".to_owned(),
    });
    let p = page(&r);
    assert!(p.contains("the `entity` output could not be read"));
    assert!(p.contains("it &lt;broke&gt;"));
    let failed = Record::failed("gone.txt", "no such file or folder");
    let p = html::page(&failed, None);
    assert!(p.contains("This document could not be analysed: no such file or folder"));
    let s = text::summary(&failed, 80);
    assert!(s.contains("error: no such file or folder"));
}

#[test]
fn the_index_lists_pages_with_counts() {
    let r = record();
    let failed = Record::failed("b<c>.txt", "document is empty");
    let entries = [
        html::IndexEntry::new("0001-a.html".to_owned(), &r),
        html::IndexEntry::new("0002-b.html".to_owned(), &failed),
    ];
    let p = html::index(&entries);
    assert_eq!(attr_values(&p, "href"), ["0001-a.html", "0002-b.html"]);
    assert!(p.contains("2 documents") && p.contains("1 with errors"));
    assert!(p.contains("b&lt;c&gt;.txt") && p.contains("document is empty"));
    assert_eq!(entries[0].counts.quotations, 1);
    assert_eq!(entries[0].counts.mentions, 3);
}

#[test]
fn the_summary_reads_as_a_summary() {
    let stripped = strip(&text::summary(&record(), 60));
    assert!(stripped.lines().count() < 40, "{stripped}");
    // every line fits (styles are escape codes, not columns)
    for line in stripped.lines() {
        assert!(line.chars().count() <= 60, "too long: {line}");
    }
    for part in [
        "Port Talks <b>Resume</b>",
        "2024-05-02 · <i>Wire</i> · docs/<a>.txt · 21 words",
        "PER   Ada Okafor (leader, the union) ×2",
        // wrapped with a hanging indent
        "  Ada Okafor · direct · “We will not\n      <script>alert(1)</script> sign,”\n",
        "Timeline · published 2024-05-02",
        "2024-04-29  said (“Monday”) · said Ada Okafor",
        "toward the <deal> (given with --target)",
        "      not -2: We will not <script>alert(1)</script> sign,",
        "Ada Okafor  AGAINST -0.8",
        "numbers",
    ] {
        assert!(stripped.contains(part), "{part:?} not in\n{stripped}");
    }
    // the partial quotation inside the direct one is not listed again
    assert_eq!(stripped.matches("· partial ·").count(), 0);
}

#[test]
fn the_summary_cleans_control_characters() {
    let mut r = record();
    r.metadata.title = Some("Bell\u{7}\u{1b}[2J and\nbreak".to_owned());
    let s = strip(&text::summary(&r, 80));
    assert!(s.starts_with("Bell\u{fffd}\u{fffd}[2J and⏎break\n"), "{s}");
}

/// The summary without its escape codes (SGR sequences only: the summary writes nothing
/// else).
fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
