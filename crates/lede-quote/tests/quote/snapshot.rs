//! The analyser's output over the corpus articles. Review changes with `cargo insta review`.
//! Entity indices are redacted: they belong to the entity analyser and shift whenever it finds
//! one more entity; the speaker's name and type are what this snapshot is about.

#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let (_, out) = crate::analyse(path);
        insta::assert_yaml_snapshot!(out, {
            ".quotations[].speaker.entity" => "[entity]",
        });
    });
}
