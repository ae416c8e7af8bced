//! `lede eval timex` and `lede analyze --format timeml`: the TE3 gates (ignored without the
//! shared data), scoring a small TimeML file written here, and TimeML output that reads back.

use std::fs;

use crate::common::{json_success, lede, shared_data, stdout_success};

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("eval prints JSON")
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn te3_train_meets_the_gates() {
    let data = shared_data();
    let v = json_success(
        lede()
            .args(["eval", "timex", "--format", "json", "--gold"])
            .arg(data.join("timeml/te3-train")),
    );
    let get = |path: &[&str]| {
        path.iter()
            .fold(&v, |v, k| &v[*k])
            .as_f64()
            .unwrap_or_else(|| panic!("{path:?} missing in {v}"))
    };
    assert!(get(&["strict", "f1"]) >= 0.82);
    assert!(get(&["relaxed", "f1"]) >= 0.90);
    assert!(get(&["value", "f1"]) >= 0.78);
    assert!((0.0..=1.0).contains(&get(&["type", "f1"])));
}

/// Two gold expressions: `Tuesday` (found with the right value) and `the fall` (missed).
const GOLD: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>small</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-04-20" functionInDocument="CREATION_TIME">2023-04-20</TIMEX3></DCT>
<TEXT>
The minister resigned on <TIMEX3 tid="t1" type="DATE" value="2023-04-18">Tuesday</TIMEX3>. Her party expects to recover by <TIMEX3 tid="t2" type="DATE" value="2023-FA">the fall</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn scores_a_small_timeml_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("small.tml"), GOLD).unwrap();
    let v = json_success(
        lede()
            .args(["eval", "timex", "--format", "json", "--gold"])
            .arg(dir.path()),
    );
    assert_eq!(v["gold"], 2);
    let system = v["system"].as_u64().unwrap();
    let recall = v["relaxed"]["recall"].as_f64().unwrap();
    assert!(recall >= 0.5, "{v}");
    assert!(system >= 1, "{v}");
    // the found expression has the gold value: value accuracy over relaxed matches is 1
    assert!(
        (v["value"]["accuracy"].as_f64().unwrap() - 1.0).abs() < 1e-9,
        "{v}"
    );
}

#[test]
fn no_gold_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    lede()
        .args(["eval", "timex", "--gold"])
        .arg(dir.path())
        .assert()
        .code(2);
}

#[test]
fn timeml_output_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(
        &path,
        "Talks & tensions\n\nTalks collapsed on Tuesday & will resume in 2024, officials said.\n",
    )
    .unwrap();
    let stdout = stdout_success(
        lede()
            .args([
                "analyze",
                "-a",
                "timeline",
                "--format",
                "timeml",
                "--date",
                "2023-04-20",
            ])
            .arg(&path),
    );
    let xml = String::from_utf8(stdout).unwrap();
    assert!(xml.contains(
        r#"value="2023-04-20" temporalFunction="false" functionInDocument="CREATION_TIME""#
    ));
    assert!(
        xml.contains(r#"<TIMEX3 tid="t1" type="DATE" value="2023-04-18">Tuesday</TIMEX3> &amp;"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"type="DATE" value="2024">2024</TIMEX3>"#),
        "{xml}"
    );
    // what it writes, `eval timex` reads: scoring the output against itself is perfect
    fs::write(dir.path().join("a.tml"), &xml).unwrap();
    let out = lede()
        .args(["eval", "timex", "--format", "json", "--gold"])
        .arg(dir.path().join("a.tml"))
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["strict"]["f1"].as_f64(), Some(1.0), "{v}");
    assert_eq!(v["value"]["f1"].as_f64(), Some(1.0), "{v}");
}
