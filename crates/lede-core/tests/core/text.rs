//! The shared text layers on the hard cases of news text: tables of inputs with the sentences
//! and tokens we expect (written by us), and property checks of spans on odd inputs.

use lede_core::text::{dateline_len, paragraph_spans};
use lede_core::{Document, Layers, Metadata, Span, TokenKind};

fn sentences(text: &str) -> Vec<&str> {
    let layers = Layers::compute(text, None);
    layers
        .sentences
        .iter()
        .map(|s| s.span.slice(text))
        .collect()
}

fn tokens(text: &str) -> Vec<&str> {
    let layers = Layers::compute(text, None);
    layers.tokens.iter().map(|t| t.span.slice(text)).collect()
}

/// Each case: the text, then its sentences (joined by ` | `).
const SENTENCE_CASES: &[(&str, &str)] = &[
    // titles and abbreviations before names stay inside the sentence
    (
        "Mr. Smith met Dr. Jones in St. Louis. They talked for an hour.",
        "Mr. Smith met Dr. Jones in St. Louis. | They talked for an hour.",
    ),
    (
        "Gen. Mark Holt briefed Sen. Ann Reyes on Jan. 5. Nothing was agreed.",
        "Gen. Mark Holt briefed Sen. Ann Reyes on Jan. 5. | Nothing was agreed.",
    ),
    (
        "The U.S. and the U.N. signed the pact. It takes effect in May.",
        "The U.S. and the U.N. signed the pact. | It takes effect in May.",
    ),
    // an ambiguous abbreviation that ends the sentence
    (
        "The minister flew to the U.S. The visit lasted two days.",
        "The minister flew to the U.S. | The visit lasted two days.",
    ),
    (
        "Shares of Borvik Inc. fell. The company declined to comment.",
        "Shares of Borvik Inc. fell. | The company declined to comment.",
    ),
    (
        "Orders went to Borvik Inc. It will deliver in March.",
        "Orders went to Borvik Inc. | It will deliver in March.",
    ),
    (
        "He returned to the U.S. “It was a long year,” he said.",
        "He returned to the U.S. | “It was a long year,” he said.",
    ),
    (
        "He said the U.S. \"strongly condemns\" the attack. Others agreed.",
        "He said the U.S. \"strongly condemns\" the attack. | Others agreed.",
    ),
    (
        "“No foul play,” said Det. Ana Ruiz. The price was Rs. 21,700 in Vol. 3 of the report.",
        "“No foul play,” said Det. Ana Ruiz. | The price was Rs. 21,700 in Vol. 3 of the report.",
    ),
    (
        "He wrote the Art. It sold.",
        "He wrote the Art. | It sold.",
    ),
    // initials
    (
        "The novel by J. K. Marlow sold well. Critics were kinder this time.",
        "The novel by J. K. Marlow sold well. | Critics were kinder this time.",
    ),
    (
        "The talks ended at 5 p.m. on Monday. Delegates left at 6 p.m. The hall emptied.",
        "The talks ended at 5 p.m. on Monday. | Delegates left at 6 p.m. | The hall emptied.",
    ),
    // decimals, amounts and numbers
    (
        "Growth slowed to 3.5 percent. Exports reached $1.2bn in 2023. Imports fell 0.4%.",
        "Growth slowed to 3.5 percent. | Exports reached $1.2bn in 2023. | Imports fell 0.4%.",
    ),
    (
        "The No. 2 official resigned. She gave no reason.",
        "The No. 2 official resigned. | She gave no reason.",
    ),
    // ellipses
    (
        "He hesitated... Then he answered the question.",
        "He hesitated... | Then he answered the question.",
    ),
    (
        "The plan was... complicated, officials admitted.",
        "The plan was... complicated, officials admitted.",
    ),
    (
        "She paused… Then she left the room.",
        "She paused… | Then she left the room.",
    ),
    // sentence-final quotation marks, curly and straight
    (
        "“We will rebuild.” The mayor then left the podium.",
        "“We will rebuild.” | The mayor then left the podium.",
    ),
    (
        "\"We will rebuild.\" The mayor then left the podium.",
        "\"We will rebuild.\" | The mayor then left the podium.",
    ),
    (
        "He answered ‘no.’ Then he walked out.",
        "He answered ‘no.’ | Then he walked out.",
    ),
    (
        "“Is it over?” she asked. Nobody replied.",
        "“Is it over?” she asked. | Nobody replied.",
    ),
    (
        "“Then he said, ‘I fired again.'” Witnesses disagreed.",
        "“Then he said, ‘I fired again.'” | Witnesses disagreed.",
    ),
    // a quotation that spans sentences
    (
        "“We will hold the line. We will not retreat,” the commander said.",
        "“We will hold the line. | We will not retreat,” the commander said.",
    ),
    (
        "He said: \"The bridge is gone. The road is next.\" Engineers disagreed.",
        "He said: \"The bridge is gone. | The road is next.\" | Engineers disagreed.",
    ),
    // datelines belong to the first sentence
    (
        "KYIV: Officials said the talks would resume. A date was not set.",
        "KYIV: Officials said the talks would resume. | A date was not set.",
    ),
    (
        "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday. The bill passed.",
        "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday. | The bill passed.",
    ),
    (
        "Kyiv: The mayor spoke. He was brief.",
        "Kyiv: The mayor spoke. | He was brief.",
    ),
    // dashes, brackets, question and exclamation marks
    (
        "The deal — signed in haste — collapsed. Both sides blamed the other.",
        "The deal — signed in haste — collapsed. | Both sides blamed the other.",
    ),
    (
        "(The vote was close.) It passed on Friday.",
        "(The vote was close.) | It passed on Friday.",
    ),
    (
        "Why now? Nobody knows! The timing is odd.",
        "Why now? | Nobody knows! | The timing is odd.",
    ),
    // lowercase after a period is a continuation (abbreviations we do not list)
    (
        "He lives on Main St. in Dunmore. His sister does too.",
        "He lives on Main St. in Dunmore. | His sister does too.",
    ),
    // numbered list items keep their number
    (
        "Three things happened:\n\n1. The dam broke.\n\n2. The town flooded.",
        "Three things happened: | 1. The dam broke. | 2. The town flooded.",
    ),
    // non-breaking spaces and CRLF line ends
    (
        "It cost 10\u{a0}million euros. Mr.\u{a0}Vale paid.",
        "It cost 10\u{a0}million euros. | Mr.\u{a0}Vale paid.",
    ),
    (
        "First line ends here.\r\nSecond one follows.\r\n\r\nA new paragraph.",
        "First line ends here. | Second one follows. | A new paragraph.",
    ),
    // a headline line without a final period, then the body (no headline metadata)
    (
        "Port strike ends after nine days\nDockworkers returned to work on Monday.",
        "Port strike ends after nine days | Dockworkers returned to work on Monday.",
    ),
    (
        "Port strike ends after nine days\n\nDockworkers returned to work on Monday.",
        "Port strike ends after nine days | Dockworkers returned to work on Monday.",
    ),
    (
        "Storm cuts power to thousands\nHeavy rain and strong winds knocked out power lines on Sunday.",
        "Storm cuts power to thousands | Heavy rain and strong winds knocked out power lines on Sunday.",
    ),
    // hard-wrapped wire text: line ends inside a sentence are not boundaries
    (
        "Acme Holdings said on Friday that it has agreed to buy the\nNorthern Rail freight unit for 40 mln dlrs from its parent.",
        "Acme Holdings said on Friday that it has agreed to buy the\nNorthern Rail freight unit for 40 mln dlrs from its parent.",
    ),
    (
        "Officials from both countries met in Geneva on Tuesday\nRepresentatives from the neighbouring states were also present at\nthe talks.",
        "Officials from both countries met in Geneva on Tuesday\nRepresentatives from the neighbouring states were also present at\nthe talks.",
    ),
    (
        "The central bank raised its key rate by half a point on Thursday, citing\nInflation figures that came in above forecasts for the third month.",
        "The central bank raised its key rate by half a point on Thursday, citing\nInflation figures that came in above forecasts for the third month.",
    ),
];

#[test]
fn sentence_table() {
    let mut failures = Vec::new();
    for (text, want) in SENTENCE_CASES {
        let got = sentences(text).join(" | ");
        if &got != want {
            failures.push(format!("input: {text:?}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        SENTENCE_CASES.len(),
        failures.join("\n")
    );
}

/// Each case: the text, then its tokens (joined by a space).
const TOKEN_CASES: &[(&str, &str)] = &[
    ("Ukraine’s army", "Ukraine ’s army"),
    ("Ukraine's army", "Ukraine 's army"),
    ("they don't, we can't", "they do n't , we ca n't"),
    ("we’re here, they’ve gone", "we ’re here , they ’ve gone"),
    ("O'Brien and D’Souza", "O'Brien and D’Souza"),
    ("the girls' team", "the girls ' team"),
    ("U.S. U.N. e.g. p.m.", "U.S. U.N. e.g. p.m."),
    ("Mr. Vale, Dr. Ruiz, Jan. 5", "Mr. Vale , Dr. Ruiz , Jan. 5"),
    (
        "3.5 1,500 $1.2bn 0.4% 2014-15",
        "3.5 1,500 $ 1.2bn 0.4 % 2014-15",
    ),
    ("It ended.", "It ended ."),
    ("wait... what…", "wait ... what …"),
    ("“Yes,” he said.", "“ Yes , ” he said ."),
    ("\"No.\"", "\" No . \""),
    ("KYIV: NATO", "KYIV : NATO"),
    ("WASHINGTON (Reuters) - The", "WASHINGTON ( Reuters ) - The"),
    ("Euro-Atlantic well-known", "Euro-Atlantic well-known"),
    ("war — peace – talks", "war — peace – talks"),
    ("10\u{a0}km", "10 km"),
    ("a\r\nb", "a b"),
    (
        "\u{feff}Text with a\u{200b}zero-width space",
        "Text with a zero-width space",
    ),
    ("#IStandWith @user", "# IStandWith @ user"),
];

#[test]
fn token_table() {
    let mut failures = Vec::new();
    for (text, want) in TOKEN_CASES {
        let got = tokens(text).join(" ");
        if &got != want {
            failures.push(format!("input: {text:?}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        TOKEN_CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn token_kinds() {
    let text = "“Kyiv’s 3.5bn plan,” he said.";
    let layers = Layers::compute(text, None);
    let kinds: Vec<(&str, TokenKind)> = layers
        .tokens
        .iter()
        .map(|t| (t.span.slice(text), t.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("“", TokenKind::Quote),
            ("Kyiv", TokenKind::Word),
            ("’s", TokenKind::Word),
            ("3.5bn", TokenKind::Number),
            ("plan", TokenKind::Word),
            (",", TokenKind::Punct),
            ("”", TokenKind::Quote),
            ("he", TokenKind::Word),
            ("said", TokenKind::Word),
            (".", TokenKind::Punct),
        ]
    );
    assert_eq!(layers.word_count(), 6);
}

/// Each case: a paragraph, then the dateline it opens with (`None`: no dateline).
const DATELINE_CASES: &[(&str, Option<&str>)] = &[
    ("KYIV: Officials said", Some("KYIV: ")),
    ("Kyiv: NATO chief said", Some("Kyiv: ")),
    (
        "WASHINGTON (Reuters) - The Senate",
        Some("WASHINGTON (Reuters) - "),
    ),
    (
        "LONDON, March 3 (AP) — Prices rose",
        Some("LONDON, March 3 (AP) — "),
    ),
    ("NEW YORK — Stocks fell", Some("NEW YORK — ")),
    (
        "CHICAGO, Jan. 5 /Lede Newswire/ -- Acme Corp said",
        Some("CHICAGO, Jan. 5 /Lede Newswire/ -- "),
    ),
    ("The minister said: “We will act.”", None),
    ("Note: The figures are provisional.", None),
    ("Source: The Daily Ledger", None),
    ("He paused - then went on", None),
    ("Officials met on Monday.", None),
];

#[test]
fn dateline_table() {
    for (para, want) in DATELINE_CASES {
        let got = dateline_len(para).map(|n| &para[..n]);
        assert_eq!(got, *want, "dateline of {para:?}");
    }
}

#[test]
fn plain_text_article_layers() {
    let text = "Port strike ends after nine days\n\nLogistics\n\nROTTERDAM: Dockworkers returned on Monday. “We won,” a union leader said.\n\nTraffic resumed.";
    let doc = Document::from_plain_text("t", text, Metadata::default());
    let layers = doc.layers();
    let paras: Vec<&str> = layers
        .paragraphs
        .iter()
        .map(|p| p.span.slice(text))
        .collect();
    assert_eq!(
        paras,
        vec![
            "Port strike ends after nine days",
            "Logistics",
            "ROTTERDAM: Dockworkers returned on Monday. “We won,” a union leader said.",
            "Traffic resumed."
        ]
    );
    assert!(layers.paragraphs[0].is_headline);
    assert!(!layers.paragraphs[2].is_headline);
    assert_eq!(doc.metadata.section.as_deref(), Some("Logistics"));
    assert_eq!(
        doc.metadata.dateline_span().map(|d| d.slice(text)),
        Some("ROTTERDAM: ")
    );
    let sents: Vec<&str> = layers
        .sentences
        .iter()
        .map(|s| s.span.slice(text))
        .collect();
    assert_eq!(
        sents,
        vec![
            "Port strike ends after nine days",
            "Logistics",
            "ROTTERDAM: Dockworkers returned on Monday.",
            "“We won,” a union leader said.",
            "Traffic resumed."
        ]
    );
    // the lookups agree with the layers
    let said = text.find("said").unwrap();
    assert_eq!(layers.sentence_at(said), Some(3));
    let t = layers.token_at_or_after(said);
    assert_eq!(layers.tokens[t].span.slice(text), "said");
    assert_eq!(layers.sentence_at(text.find("\n\nTraffic").unwrap()), None);
}

/// Checks every structural invariant of the layers of `text`.
fn check_invariants(text: &str, headline: Option<Span>) {
    let layers = Layers::compute(text, headline);
    let ok = |s: Span| s.start < s.end && s.end <= text.len() && text.get(s.start..s.end).is_some();
    let mut prev_end = 0;
    for t in &layers.tokens {
        assert!(ok(t.span), "token {:?} off char boundaries", t.span);
        assert!(
            t.span.start >= prev_end,
            "tokens out of order at {:?}",
            t.span
        );
        assert!(
            !t.span.slice(text).starts_with(char::is_whitespace),
            "token starts with whitespace at {:?}",
            t.span
        );
        prev_end = t.span.end;
    }
    let mut prev_end = 0;
    let mut next_token = 0;
    for (i, s) in layers.sentences.iter().enumerate() {
        assert!(ok(s.span), "sentence {:?} off char boundaries", s.span);
        assert!(s.span.start >= prev_end, "sentences out of order");
        assert!(s.first_token < s.end_token, "empty sentence {i}");
        assert_eq!(s.first_token, next_token, "sentences must cover all tokens");
        next_token = s.end_token;
        assert_eq!(layers.tokens[s.first_token].span.start, s.span.start);
        assert_eq!(layers.tokens[s.end_token - 1].span.end, s.span.end);
        let p = layers.paragraphs[s.paragraph];
        assert!(p.span.contains(s.span), "sentence outside its paragraph");
        assert!((p.first_sentence..p.end_sentence).contains(&i));
        prev_end = s.span.end;
    }
    assert_eq!(next_token, layers.tokens.len());
    let mut prev_end = 0;
    for p in &layers.paragraphs {
        assert!(ok(p.span), "paragraph {:?} off char boundaries", p.span);
        assert!(p.span.start >= prev_end, "paragraphs out of order");
        prev_end = p.span.end;
    }
}

#[test]
fn spans_hold_on_odd_inputs() {
    let mut long_line = String::new();
    while long_line.len() < 1_000_000 {
        long_line.push_str("Mr. Vale’s “plan” costs 1.2bn… U.S. officials — and 🙂 — agree! ");
    }
    let odd: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        "\r\n\r\n".into(),
        "\"".into(),
        "“".into(),
        "’".into(),
        "'s".into(),
        "n't".into(),
        "...".into(),
        ".".into(),
        "U.S.".into(),
        "a.".into(),
        "1,".into(),
        "1,000,".into(),
        "3.".into(),
        "\u{a0}\u{a0}x\u{a0}".into(),
        "\u{ad}\u{ad}".into(),
        "word\u{ad}".into(),
        "🙂🙂 🙂. 🙂".into(),
        "e\u{301}te\u{301}. Ça va.".into(),
        "“He said ‘no.’”\r\n\r\n“Unclosed quote.\r\nNext line.".into(),
        "Headline\r\n\r\nKYIV: Text. More text".into(),
        "\t  indented\n   wire line\n    next para".into(),
        "O'".into(),
        "don'".into(),
        "x'\u{2019}'s".into(),
        "日本語の文。次の文。".into(),
        "a-".into(),
        "-a".into(),
        long_line,
        // a line of more than the look-back window in bytes but few characters
        format!("{} word\nNext line", "🙂".repeat(110)),
        format!("Top\n{} word\nNext line", "é".repeat(230)),
    ];
    for text in &odd {
        check_invariants(text, None);
        // as a plain-text article too: line 1 is the headline
        let doc = Document::from_plain_text("odd", text.as_str(), Metadata::default());
        check_invariants(text, doc.metadata.headline_span());
        let _ = paragraph_spans(text, doc.metadata.headline_span());
    }
    // every prefix of a tricky text, cut on char boundaries
    let tricky = "“Ukraine’s place,” Mr. Vale said… U.S.-led 3.5% n't\r\n\u{a0}🙂 ‘x’ WASHINGTON (Reuters) - Done.";
    for (i, _) in tricky.char_indices() {
        check_invariants(&tricky[..i], None);
        check_invariants(&tricky[i..], None);
    }
}

/// The layers of each article of `tests/corpus` (written by us): paragraphs with their
/// sentences, the headline, section and dateline found, and the word count.
#[test]
fn corpus_layers() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("corpus file is readable");
        let doc = Document::from_plain_text("corpus", text.as_str(), Metadata::default());
        let layers = doc.layers();
        let paragraphs: Vec<serde_json::Value> = layers
            .paragraphs
            .iter()
            .map(|p| {
                let sentences: Vec<&str> = layers.sentences[p.first_sentence..p.end_sentence]
                    .iter()
                    .map(|s| s.span.slice(&text))
                    .collect();
                if p.is_headline {
                    serde_json::json!({ "headline": sentences })
                } else {
                    serde_json::json!(sentences)
                }
            })
            .collect();
        insta::assert_yaml_snapshot!(serde_json::json!({
            "section": doc.metadata.section,
            "dateline": doc.metadata.dateline_span().map(|d| d.slice(&text)),
            "words": layers.word_count(),
            "paragraphs": paragraphs,
        }));
    });
}

/// Random texts glued from tricky pieces (a fixed-seed generator, so failures reproduce):
/// the layers keep their invariants and never panic.
#[test]
fn spans_hold_on_random_texts() {
    let emoji_run = "🙂".repeat(60);
    let wide_run = "é".repeat(130);
    let word_line = "word ".repeat(14);
    let pieces: Vec<&str> = vec![
        "Mr.",
        "Dr. ",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "    ",
        "\t",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "‘",
        "U.S.",
        "e.g.",
        "🙂",
        "é",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "...",
        "…",
        ".",
        "?",
        "!",
        ":",
        ",",
        "(",
        ")",
        "A",
        "The",
        "word",
        "don't",
        "Kyiv’s",
        "3.5",
        "1,000",
        "1.",
        "-",
        "--",
        "—",
        "KYIV:",
        "WASHINGTON (Reuters) -",
        "No.",
        "Inc.",
        "\u{ad}",
        &emoji_run,
        &wide_run,
        &word_line,
    ];
    let mut rng = fastrand::Rng::with_seed(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.usize(..120);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(pieces[rng.usize(..pieces.len())]);
        }
        check_invariants(&text, None);
        let doc = Document::from_plain_text("random", text.as_str(), Metadata::default());
        check_invariants(&text, doc.metadata.headline_span());
        if let Some(d) = doc.metadata.dateline_span() {
            assert!(
                text.get(d.start..d.end).is_some(),
                "dateline off boundaries"
            );
        }
    }
}
