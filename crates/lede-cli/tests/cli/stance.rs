//! `lede analyze` with the stance options, and `lede eval stance`.

use crate::common::{json_success, lede, shared_data};

const ARTICLE: &str = "Minister Says Finland Deserves to Join NATO\n\nPolitics\n\n\
    HELSINKI: Finnish foreign minister Anna Berg said on Monday that Finland deserves to join \
    NATO. Opposition leader Olli Lind said he would try to prevent Finland from joining NATO.\n";

fn stance_json(args: &[&str], lexicon: Option<&str>) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, ARTICLE).unwrap();
    let mut cmd = lede();
    cmd.args(["analyze", "-a", "stance", "-f", "json"])
        .args(args);
    if let Some(l) = lexicon {
        let p = dir.path().join("lex.txt");
        std::fs::write(&p, l).unwrap();
        cmd.arg("--lexicon").arg(p);
    }
    let out = cmd
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rec = if v.is_array() { v[0].clone() } else { v };
    rec["results"]["stance"].clone()
}

#[test]
fn user_target_and_headline_options() {
    let s = stance_json(
        &[
            "--target",
            "NATO",
            "--headline",
            "Finland applies to join NATO",
        ],
        None,
    );
    let labels: Vec<&str> = s["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "NATO");
    assert!(s["headline"]["label"].is_string(), "{s}");
}

#[test]
fn bad_lexicon_is_a_usage_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("lex.txt");
    std::fs::write(&p, "good 1.0\nbad entry here\n").unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, ARTICLE).unwrap();
    let out = lede()
        .args(["analyze", "-a", "stance", "--lexicon"])
        .arg(&p)
        .arg(&input)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn eval_stance_without_data_is_a_usage_error() {
    lede().args(["eval", "stance"]).assert().code(2);
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn eval_stance_scores_fnc1_dev() {
    let data = shared_data();
    let f = data.join("stance/fnc1");
    let out = lede()
        .args([
            "eval",
            "stance",
            "--split",
            "dev",
            "--format",
            "json",
            "--fnc-stances",
        ])
        .arg(f.join("train_stances.reconstructed.csv"))
        .arg("--fnc-bodies")
        .arg(f.join("train_bodies.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["fnc_score"].as_f64().unwrap() >= 0.80, "{v}");
    assert!(v["macro_f1"].as_f64().unwrap() >= 0.55, "{v}");
    assert_eq!(v["per_class"].as_object().unwrap().len(), 4);
}

/// `lede eval speakers` on a small BASIL-format folder: one quoted span said by the person
/// named, one attributed in the gold to someone else, one of the writer's own words (left out).
#[test]
fn eval_speakers_scores_resolved_speakers_of_quoted_spans() {
    let dir = tempfile::tempdir().unwrap();
    let para = "“We will not sell the port,” said Maria Lopez, the mayor of Dunmore. \
                “The harbour belongs to the town.”";
    let article = serde_json::json!({
        "uuid": "a1", "title": "Mayor Rejects Port Sale", "main_entities": ["Maria_Lopez"],
        "paragraphs": [[para]]
    });
    let span = |speaker: &str, quote: &str, span: &str| {
        serde_json::json!({"article_uuid": "a1", "speaker": speaker, "quote": quote,
            "target": "Port", "polarity": "neg", "span": span, "context": para})
        .to_string()
    };
    std::fs::write(
        dir.path().join("basil_articles.jsonl"),
        format!("{article}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("basil_phrase_annotations.jsonl"),
        [
            span("Maria_Lopez", "yes", "We will not sell the port"),
            span("Tom_Hale", "yes", "The harbour belongs to the town."),
            span("AUTHOR", "no", "Rejects"),
        ]
        .join("\n"),
    )
    .unwrap();
    let r = json_success(
        lede()
            .args(["eval", "speakers", "--format", "json", "--basil"])
            .arg(dir.path()),
    );
    assert_eq!(r["gold_spans"], 2, "{r}");
    assert_eq!(r["covered"], 2, "{r}");
    assert_eq!(r["correct"], 1, "{r}");
    assert_eq!(r["accuracy_on_covered"], 0.5, "{r}");
}

/// The speaker figures on BASIL stay where they are (ignored without the shared data).
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn eval_speakers_gate_on_basil() {
    let data = shared_data();
    let r = json_success(
        lede()
            .args(["eval", "speakers", "--format", "json", "--basil"])
            .arg(data.join("stance/basil")),
    );
    assert!(r["gold_spans"].as_u64().unwrap() > 200, "{r}");
    assert!(r["coverage"].as_f64().unwrap() >= 0.9, "{r}");
}
