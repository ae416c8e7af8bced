//! `lede eval ner` and `lede eval link`: JSON shape and scoring on small files written here,
//! bad input, and the gates on the shared dev data (ignored without it).

use std::fs;

use crate::common::{json_success, lede, shared_data};

fn run(args: &[&str], gold: &std::path::Path) -> serde_json::Value {
    json_success(lede().args(args).arg(gold))
}

/// Two documents in 4-column IOB1; the second is all O, so every prediction there is wrong.
const SMALL_NER: &str = "-DOCSTART- -X- O O

The DT I-NP O
chancellor NN I-NP O
, , O O
Angela NNP I-NP I-PER
Merkel NNP I-NP I-PER
, , O O
visited VBD I-VP O
Paris NNP I-NP I-LOC
on IN I-PP O
Monday NNP I-NP O
. . O O

-DOCSTART- -X- O O

Prices NNS I-NP O
rose VBD I-VP O
. . O O
";

#[test]
fn ner_json_has_overall_and_by_type_fractions() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("small.conll");
    fs::write(&gold, SMALL_NER).unwrap();
    let v = run(&["eval", "ner", "--format", "json", "--gold"], &gold);
    for key in ["precision", "recall", "f1"] {
        let x = v["overall"][key].as_f64().expect(key);
        assert!((0.0..=1.0).contains(&x), "{key} = {x}");
    }
    assert_eq!(v["gold_entities"].as_u64(), Some(2));
    assert!(v["by_type"]["PER"]["f1"].is_number());
    assert!(v["by_type"]["LOC"]["f1"].is_number());
    // types the gold file never uses are not scored
    assert!(v["by_type"].get("MISC").is_none());
}

#[test]
fn ner_rejects_a_file_that_is_not_conll() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("bad.conll");
    fs::write(&gold, "word NOT-A-TAG\n").unwrap();
    let out = lede()
        .args(["eval", "ner", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conll") && err.contains("line 1"), "{err}");
}

/// One document: `Jens Stoltenberg` (entity 1) named twice, `NATO` (entity 2) once.
const SMALL_LINK: &str = "# newdoc id = one
# newpar
1\tJens\tJens\tPROPN\t_\t_\t0\troot\t_\tEntity=(1-person-new-x-x-1-coref
2\tStoltenberg\tStoltenberg\tPROPN\t_\t_\t0\troot\t_\tEntity=1)
3\tvisited\tvisit\tVERB\t_\t_\t0\troot\t_\t_
4\tKyiv\tKyiv\tPROPN\t_\t_\t0\troot\t_\tEntity=(3-place-new-x-x-1-sgl)|SpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t0\troot\t_\t_

1\tThe\tthe\tDET\t_\t_\t0\troot\t_\t_
2\tNATO\tNATO\tPROPN\t_\t_\t0\troot\t_\tEntity=(2-organization-new-x-x-1-sgl)
3\tchief\tchief\tNOUN\t_\t_\t0\troot\t_\t_
4\tStoltenberg\tStoltenberg\tPROPN\t_\t_\t0\troot\t_\tEntity=(1-person-giv-x-x-1-coref)
5\tspoke\tspeak\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t0\troot\t_\t_
";

#[test]
fn link_scores_pairs_of_gold_named_mentions() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("GUM_news_small.conllu"), SMALL_LINK).unwrap();
    let v = run(&["eval", "link", "--format", "json", "--gold"], dir.path());
    assert_eq!(v["gold_mentions"].as_u64(), Some(4));
    let f1 = v["pairwise"]["f1"].as_f64().expect("f1");
    assert!((0.0..=1.0).contains(&f1));
    // the only gold pair is Jens Stoltenberg ~ Stoltenberg: the linker joins them
    assert!((f1 - 1.0).abs() < 1e-9, "{v}");
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn entity_gates_on_shared_dev_data() {
    let data = shared_data();
    let conll = run(
        &["eval", "ner", "--format", "json", "--gold"],
        &data.join("ner/eng.testa"),
    );
    let f1 = conll["overall"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.88, "CoNLL dev F1 {f1:.4} below 0.88");
    let link = run(
        &["eval", "link", "--format", "json", "--gold"],
        &data.join("ner/gum_news"),
    );
    let f1 = link["pairwise"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.77, "GUM linking F1 {f1:.4} below 0.77");
}
