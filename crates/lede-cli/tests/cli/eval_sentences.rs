//! `lede eval sentences`: the sentence gate on GUM news, and the scoring on a small CoNLL-U
//! file written here.

use std::fs;

use crate::common::{json_success, lede, shared_data};

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("eval prints JSON")
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn gum_news_sentence_f1_meets_the_gate() {
    let data = shared_data();
    let gold = data.join("ner/gum_news");
    let v = json_success(
        lede()
            .args(["eval", "sentences", "--format", "json", "--gold"])
            .arg(&gold),
    );
    for key in ["precision", "recall", "f1"] {
        let x = v[key].as_f64().expect(key);
        assert!((0.0..=1.0).contains(&x), "{key} = {x}");
    }
    let f1 = v["f1"].as_f64().unwrap();
    assert!(f1 >= 0.97, "sentence F1 on GUM news is {f1:.4}, below 0.97");
}

/// Two documents; tokens and `SpaceAfter` rebuild `Dr. Vale spoke. He left.`, a paragraph
/// break, then `Rates rose to 3.5 percent.`; a multiword token (`won't` = `wo` + `n't`) too.
const SMALL: &str = "# newdoc id = one
# newpar
# text = Dr. Vale spoke.
1\tDr.\tDr.\tPROPN\t_\t_\t0\troot\t_\t_
2\tVale\tVale\tPROPN\t_\t_\t0\troot\t_\t_
3\tspoke\tspeak\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t0\troot\t_\t_

# text = He won't stay.
1\tHe\the\tPRON\t_\t_\t0\troot\t_\t_
2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_
2\two\twill\tAUX\t_\t_\t0\troot\t_\t_
3\tn't\tnot\tPART\t_\t_\t0\troot\t_\t_
4\tstay\tstay\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t0\troot\t_\t_

# newdoc id = two
# newpar
# text = Rates rose to 3.5 percent.
1\tRates\trate\tNOUN\t_\t_\t0\troot\t_\t_
2\trose\trise\tVERB\t_\t_\t0\troot\t_\t_
3\tto\tto\tADP\t_\t_\t0\troot\t_\t_
4\t3.5\t3.5\tNUM\t_\t_\t0\troot\t_\t_
5\tpercent\tpercent\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t0\troot\t_\t_
# newpar
# text = Markets
1\tMarkets\tmarket\tNOUN\t_\t_\t0\troot\t_\t_

";

#[test]
fn scores_a_small_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.conllu");
    fs::write(&path, SMALL).unwrap();
    let v = json_success(
        lede()
            .args(["eval", "sentences", "--format", "json", "--gold"])
            .arg(dir.path()),
    );
    // every boundary is found: `Dr.` and `3.5` do not end sentences
    assert_eq!(v["f1"].as_f64(), Some(1.0), "{v}");

    // gold that wants a boundary after `Dr.` costs recall, not precision
    let split = SMALL.replacen(
        "1\tDr.\tDr.\tPROPN\t_\t_\t0\troot\t_\t_\n",
        "1\tDr.\tDr.\tPROPN\t_\t_\t0\troot\t_\t_\n\n1\tVale\tVale\tPROPN\t_\t_\t0\troot\t_\t_\n",
        1,
    );
    let split = split.replacen("2\tVale\tVale\tPROPN\t_\t_\t0\troot\t_\t_\n", "", 1);
    fs::write(&path, split).unwrap();
    let out = lede()
        .args(["eval", "sentences", "--format", "json", "--gold"])
        .arg(&path)
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["precision"].as_f64(), Some(1.0), "{v}");
    let recall = v["recall"].as_f64().unwrap();
    assert!((recall - 4.0 / 5.0).abs() < 1e-9, "{v}");
}

#[test]
fn bad_gold_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = lede()
        .args(["eval", "sentences", "--gold"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .conllu files"));

    let path = dir.path().join("bad.conllu");
    fs::write(&path, "1\tonly three\tcolumns\n").unwrap();
    let out = lede()
        .args(["eval", "sentences", "--gold"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.conllu") && err.contains("line 1"),
        "{err}"
    );
}
