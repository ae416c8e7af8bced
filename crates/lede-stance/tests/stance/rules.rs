use std::io::Write as _;

use lede_core::{Document, Metadata, TextSpan};
use lede_entity::{Entity, EntityOutput, EntityType, Mention, MentionKind};
use lede_quote::QuoteOutput;
use lede_stance::{Stance, StanceAnalyzer, StanceOptions, StanceOutput, TargetKind};

/// Entity output that marks every whole-word occurrence of each surface form.
fn entities(text: &str, list: &[(&str, EntityType, &[&str])]) -> EntityOutput {
    let mut out = EntityOutput::default();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (id, (canonical, etype, forms)) in list.iter().enumerate() {
        out.entities.push(Entity {
            id,
            canonical: (*canonical).to_owned(),
            etype: *etype,
            actor: false,
            mentions: Vec::new(),
            roles: Vec::new(),
            aliases: Vec::new(),
        });
        for form in *forms {
            for (start, _) in text.match_indices(form) {
                let end = start + form.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                    || taken.iter().any(|&(a, b)| a < end && start < b)
                {
                    continue;
                }
                taken.push((start, end));
                out.mentions.push(Mention {
                    span: TextSpan {
                        start,
                        end,
                        text: (*form).to_owned(),
                    },
                    etype: *etype,
                    kind: MentionKind::Name,
                    entity: id,
                });
            }
        }
    }
    out.mentions.sort_by_key(|m| m.span.start);
    for (i, m) in out.mentions.iter().enumerate() {
        out.entities[m.entity].mentions.push(i);
    }
    out
}

fn world(text: &str) -> EntityOutput {
    entities(
        text,
        &[
            ("Finland", EntityType::Loc, &["Finland"]),
            ("NATO", EntityType::Org, &["NATO"]),
            ("Anna Berg", EntityType::Person, &["Anna Berg", "Berg"]),
            ("Olli Lind", EntityType::Person, &["Olli Lind", "Lind"]),
        ],
    )
}

fn run(text: &str, targets: &[&str]) -> StanceOutput {
    run_with(text, targets, None)
}

fn run_with(text: &str, targets: &[&str], lexicon: Option<std::path::PathBuf>) -> StanceOutput {
    let opts = StanceOptions {
        targets: targets.iter().map(|s| (*s).to_owned()).collect(),
        headline: None,
        lexicon,
        only_user_targets: false,
    };
    let doc = Document::new("t", text, Metadata::default());
    StanceAnalyzer::new(&opts)
        .unwrap()
        .analyze_with(&doc, &world(text), &QuoteOutput::default())
}

fn stance_of(out: &StanceOutput, actor: &str) -> Option<Stance> {
    out.stances
        .iter()
        .find(|r| r.actor == actor)
        .map(|r| r.stance)
}

#[test]
fn support_is_favor_and_negated_support_is_against() {
    let t = "Anna Berg said that she would support Finland joining NATO.";
    assert_eq!(
        stance_of(&run(t, &["Finland joining NATO"]), "Anna Berg"),
        Some(Stance::Favor)
    );
    let t = "Anna Berg said that she would not support Finland joining NATO.";
    let out = run(t, &["Finland joining NATO"]);
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Against));
    let cue = &out.stances[0].evidence[0].cues[0];
    assert_eq!(cue.span.text, "support");
    assert!(cue.weight < 0.0);
    assert_eq!(cue.flipped_by.as_deref(), Some("not"));
}

#[test]
fn negation_does_not_cross_a_clause_break() {
    let t = "Anna Berg said that, not surprisingly, she would support Finland joining NATO.";
    let out = run(t, &["Finland joining NATO"]);
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Favor));
}

#[test]
fn negated_action_is_against() {
    let t = "Olli Lind said Finland would never join NATO.";
    let out = run(t, &["Finland joining NATO"]);
    assert_eq!(stance_of(&out, "Olli Lind"), Some(Stance::Against));
    let t = "Olli Lind said there was no pathway to membership for Finland in NATO.";
    assert_eq!(
        stance_of(&run(t, &["Finland joining NATO"]), "Olli Lind"),
        Some(Stance::Against)
    );
}

#[test]
fn prevent_frame_flips_the_stance_toward_the_complement() {
    let t = "Olli Lind said his goal was preventing Finland from joining NATO.";
    let out = run(t, &["Finland joining NATO"]);
    assert_eq!(stance_of(&out, "Olli Lind"), Some(Stance::Against));
    let ev = &out.stances[0].evidence[0];
    assert!(ev
        .cues
        .iter()
        .any(|c| c.span.text == "preventing" && c.weight < 0.0));
    // the same frame with a positive verb inside: still against
    let t = "Olli Lind said they would stop Finland from happily joining NATO.";
    assert_eq!(
        stance_of(&run(t, &["Finland joining NATO"]), "Olli Lind"),
        Some(Stance::Against)
    );
    // without the frame, the same words are in favour
    let t = "Olli Lind said he would welcome Finland joining NATO.";
    assert_eq!(
        stance_of(&run(t, &["Finland joining NATO"]), "Olli Lind"),
        Some(Stance::Favor)
    );
}

#[test]
fn entity_target_and_no_record_without_attributable_words() {
    let t = "Anna Berg said NATO was a threat to peace. Olli Lind said the weather was fine.";
    let out = run(t, &["NATO"]);
    assert_eq!(out.targets[0].kind, TargetKind::Entity);
    // the polarity model decides entity targets: whether a side is taken (a lone reported
    // sentence may stay NEUTRAL), and if so which; the cue leans against either way
    let berg = out.stances.iter().find(|r| r.actor == "Anna Berg").unwrap();
    assert_ne!(berg.stance, Stance::Favor);
    assert!(berg.score < 0.0, "{berg:?}");
    let p = berg.probabilities.as_ref().unwrap();
    assert!(p[&Stance::Against] > p[&Stance::Favor], "{p:?}");
    assert_eq!(stance_of(&out, "Olli Lind"), None);
}

#[test]
fn the_writers_own_framing_is_no_record() {
    let t = "Finland joining NATO would be a disaster and a threat. Finland borders Russia.";
    let out = run(t, &["Finland joining NATO"]);
    assert!(out.stances.is_empty(), "{:?}", out.stances);
}

#[test]
fn free_text_target_matches_content_words() {
    let t = "Anna Berg said the new border fence was a wonderful idea.";
    let out = run(t, &["border fence"]);
    assert_eq!(out.targets[0].kind, TargetKind::Text);
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Favor));
}

#[test]
fn user_lexicon_adds_and_overrides() {
    let t = "Anna Berg said Finland joining NATO would be a zorblax.";
    let out = run(t, &["Finland joining NATO"]);
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Neutral));
    let mut f = tempfile_path("lex1.txt");
    writeln!(f.1, "# domain words\nzorblax\t-3\n").unwrap();
    let out = run_with(t, &["Finland joining NATO"], Some(f.0.clone()));
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Against));
    assert_eq!(out.stances[0].evidence[0].cues[0].span.text, "zorblax");
    // override: in this user's domain `welcome` is said of unwanted guests
    let t = "Anna Berg said she would welcome Finland joining NATO.";
    let mut g = tempfile_path("lex2.txt");
    writeln!(g.1, "welcome -2.5").unwrap();
    assert_eq!(
        stance_of(
            &run_with(t, &["Finland joining NATO"], Some(g.0.clone())),
            "Anna Berg"
        ),
        Some(Stance::Against)
    );
}

#[test]
fn bad_lexicon_is_a_clear_error() {
    let mut f = tempfile_path("bad.txt");
    writeln!(f.1, "fine 1.0\nbroken entry here").unwrap();
    let e = StanceAnalyzer::new(&StanceOptions {
        lexicon: Some(f.0.clone()),
        ..StanceOptions::default()
    })
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("line 2"), "{msg}");
    let missing = StanceAnalyzer::new(&StanceOptions {
        lexicon: Some("/nonexistent/lexicon.txt".into()),
        ..StanceOptions::default()
    });
    assert!(missing.is_err());
}

#[test]
fn headline_proposition_resolves_a_generic_noun_to_the_organisation() {
    let text = "Finland Deserves to Join Alliance, Says Minister Berg\n\nMinister Anna Berg \
                said on Monday that NATO must open its doors. NATO officials said they would \
                study the request. NATO meets in June.\n";
    let doc = Document::from_plain_text("h", text, Metadata::default());
    let out = StanceAnalyzer::default().analyze_with(&doc, &world(text), &QuoteOutput::default());
    assert_eq!(out.targets[0].label, "Finland joining NATO");
    // the headline's own attribution is evidence for the minister
    assert_eq!(stance_of(&out, "Anna Berg"), Some(Stance::Favor));
}

#[test]
fn no_target_no_records_and_no_panic_on_odd_input() {
    for t in [
        "",
        "\u{201c}",
        "said said said",
        "NATO said, \u{201d} Finland",
        "Berg said no",
    ] {
        let out = run(t, &[]);
        assert!(out.stances.is_empty());
        let _ = run(t, &["Finland joining NATO", "NATO", "x"]);
    }
}

/// A file in the system temp folder, unique to this test process.
fn tempfile_path(name: &str) -> (std::path::PathBuf, std::fs::File) {
    let dir = std::env::temp_dir().join(format!("lede-stance-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let f = std::fs::File::create(&p).unwrap();
    (p, f)
}

#[test]
fn headline_target_asks_for_the_headline_mode() {
    let t = "Anna Berg said that she would support Finland joining NATO.";
    let out = run(t, &["headline: Finland to join NATO"]);
    let h = out.headline.expect("headline mode");
    assert_eq!(h.headline, "Finland to join NATO");
    // not a target of its own (the lead's proposition is still found)
    assert!(
        out.targets.iter().all(|t| !t.label.contains("headline")),
        "{:?}",
        out.targets
    );
}

#[test]
fn polarity_model_is_built_in_and_bad_bytes_are_errors() {
    use lede_stance::model::PolarityModel;
    let m = PolarityModel::builtin().unwrap();
    let again = PolarityModel::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(again.threshold.to_bits(), m.threshold.to_bits());
    assert_eq!(
        again.temperature.map(f32::to_bits),
        m.temperature.map(f32::to_bits)
    );
    assert!(PolarityModel::from_bytes(b"").is_err());
    assert!(PolarityModel::from_bytes(b"LEDEPOL1\x00\x00").is_err());
    let mut truncated = m.to_bytes();
    truncated.truncate(truncated.len() / 2);
    assert!(PolarityModel::from_bytes(&truncated).is_err());
    // records of entity targets carry the model's probabilities, which sum to one
    let t = "Anna Berg said NATO was a disgrace and a danger to everyone.";
    let out = run(t, &["NATO"]);
    let p = out.stances[0].probabilities.as_ref().unwrap();
    let sum: f64 = p.values().sum();
    assert!((sum - 1.0).abs() < 0.01, "{p:?}");
}
