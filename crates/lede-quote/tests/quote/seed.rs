//! Acceptance on the seed article (`../shared/seed`), ignored when it is absent.

use std::path::PathBuf;

use lede_quote::{QuoteKind, Resolution};

use crate::{analyse, find, speaker};

fn seed() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_47459a84323fbb6b.txt");
    assert!(p.exists(), "{} is missing", p.display());
    p
}

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn seed_article_acceptance() {
    let path = seed();
    let (_, out) = analyse(&path);
    // the two Stoltenberg quotations, each one quotation of two parts
    for start in ["Let me be clear", "This will help you"] {
        let q = find(&out, QuoteKind::Direct, start);
        assert_eq!(q.parts.len(), 2, "{q:#?}");
        assert_eq!(speaker(q), Some("Jens Stoltenberg"), "{q:#?}");
    }
    let q = find(&out, QuoteKind::Direct, "Let me be clear");
    assert!(q.parts[1].text.contains("in NATO"));
    let q = find(&out, QuoteKind::Direct, "This will help you");
    assert!(q.parts[1].text.contains("as long as it takes"));
    // the partial quote, attributed to Peskov
    let q = find(&out, QuoteKind::Partial, "serious, significant threat");
    assert_eq!(speaker(q), Some("Dmitry Peskov"));
    // the scare-quoted term
    let t = find(&out, QuoteKind::Term, "special military operation");
    assert!(t.speaker.is_none());
    // reported speech with resolved speakers
    let cases = [
        ("Ukraine deserves to join", "declared", "Jens Stoltenberg"),
        ("he and Zelenskyy discussed", "said", "Jens Stoltenberg"),
        ("to push for even more", "urged", "Volodymyr Zelenskyy"),
        ("was a key goal behind its invasion", "repeated", "Kremlin"),
        ("Ukraine would join the alliance one day", "said", "NATO"),
        ("remains one of the goals", "said", "Dmitry Peskov"),
    ];
    for (needle, cue, who) in cases {
        let q = find(&out, QuoteKind::Indirect, needle);
        assert!(crate::cue(q).is_some_and(|c| c.ends_with(cue)), "{q:#?}");
        let s = speaker(q).unwrap_or_else(|| panic!("no speaker: {q:#?}"));
        assert!(s.contains(who), "{needle}: {s} is not {who}");
    }
    let he = find(&out, QuoteKind::Indirect, "he and Zelenskyy discussed");
    assert_eq!(he.speaker.as_ref().unwrap().via, Resolution::Pronoun);
}
