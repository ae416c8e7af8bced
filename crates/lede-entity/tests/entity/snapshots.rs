use lede_core::{Document, Metadata};
use lede_entity::EntityAnalyzer;

#[test]
fn corpus() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("corpus file is readable");
        let doc = Document::from_plain_text("corpus", text, Metadata::default());
        insta::assert_yaml_snapshot!(EntityAnalyzer.run(&doc));
    });
}
