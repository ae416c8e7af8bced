use lede_stance::fnc::{official_score, FncData, FncLabel, FncModel, Split};

#[test]
fn builtin_model_loads_and_tells_related_from_unrelated() {
    let m = FncModel::builtin().unwrap();
    let body = "The city council voted on Tuesday to close the old harbour bridge for repairs. \
                Engineers found cracks in two of its steel supports, the council said, and the \
                bridge will stay closed for at least six months while crews replace them.";
    let related = m.predict(
        "Harbour bridge closed for six months after cracks found",
        body,
    );
    assert_ne!(related.label, FncLabel::Unrelated, "{related:?}");
    let unrelated = m.predict("Pop star announces surprise wedding in Las Vegas", body);
    assert_eq!(unrelated.label, FncLabel::Unrelated, "{unrelated:?}");
    let sum: f32 = related.probabilities.values().sum();
    assert!((sum - 1.0).abs() < 1e-3);
}

#[test]
fn model_bytes_round_trip_and_bad_bytes_are_errors() {
    let m = FncModel::builtin().unwrap();
    let again = FncModel::from_bytes(&m.to_bytes()).unwrap();
    let body = "Officials denied the report that the bridge had collapsed.";
    assert_eq!(
        m.predict("Bridge collapses", body),
        again.predict("Bridge collapses", body)
    );
    assert!(FncModel::from_bytes(b"").is_err());
    assert!(FncModel::from_bytes(b"LEDEFNC1\x10\x00").is_err());
    let mut truncated = m.to_bytes();
    truncated.truncate(truncated.len() / 2);
    assert!(FncModel::from_bytes(&truncated).is_err());
}

/// The gates on the FNC-1 dev split (the 20% of the claims training never saw).
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn fnc1_dev_split_meets_the_gate() {
    let dir = crate::shared("data/stance/fnc1");
    let data = FncData::read(
        &dir.join("train_stances.reconstructed.csv"),
        &dir.join("train_bodies.csv"),
    )
    .unwrap();
    let m = FncModel::builtin().unwrap();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut bodies = std::collections::BTreeMap::new();
    for p in &data.split(Split::Dev) {
        let b = bodies
            .entry(p.body_id)
            .or_insert_with(|| m.prepare_body(&data.bodies[&p.body_id]));
        gold.push(p.label);
        pred.push(m.predict_prepared(&p.headline, b).label);
    }
    let (s, max) = official_score(&gold, &pred);
    let macro_f1: f64 = FncLabel::ALL
        .iter()
        .map(|l| {
            let tp = gold
                .iter()
                .zip(&pred)
                .filter(|(g, p)| *g == l && *p == l)
                .count();
            let n =
                gold.iter().filter(|g| *g == l).count() + pred.iter().filter(|p| *p == l).count();
            2.0 * tp as f64 / n.max(1) as f64
        })
        .sum::<f64>()
        / 4.0;
    eprintln!("FNC-1 dev: score {:.4}, macro-F1 {macro_f1:.4}", s / max);
    assert!(s / max >= 0.84, "official score {}", s / max);
    assert!(macro_f1 >= 0.66, "macro-F1 {macro_f1}");
}
