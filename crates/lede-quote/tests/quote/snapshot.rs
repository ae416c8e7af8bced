//! The analyser's output over the corpus articles. Review changes with `cargo insta review`.

#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let (_, out) = crate::analyse(path);
        insta::assert_yaml_snapshot!(out);
    });
}
