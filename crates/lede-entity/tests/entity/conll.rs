use lede_entity::conll::{chunks, parse};
use lede_entity::EntityType;

#[test]
fn iob1_and_iob2_give_the_same_chunks() {
    let iob1 = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter I-PER\nBlackburn I-PER\nJohn B-PER\n";
    let iob2 = "# newdoc id = a\n1\tEU\tB-ORG\t-\t-\n2\trejects\tO\t-\t-\n3\tGerman\tB-MISC\t-\t-\n4\tcall\tO\t-\t-\n\n1\tPeter\tB-PER\t-\t-\n2\tBlackburn\tI-PER\t-\t-\n3\tJohn\tB-PER\t-\t-\n";
    let a = parse(iob1).expect("iob1 parses");
    let b = parse(iob2).expect("iob2 parses");
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    for (sa, sb) in a[0].sentences.iter().zip(&b[0].sentences) {
        assert_eq!(sa.words, sb.words);
        assert_eq!(chunks(&sa.tags), chunks(&sb.tags));
    }
    let c = chunks(&a[0].sentences[1].tags);
    assert_eq!(c.len(), 2, "Peter Blackburn and John are two persons");
    assert_eq!(
        (c[0].start, c[0].end, c[0].etype),
        (0, 2, EntityType::Person)
    );
}

#[test]
fn a_line_without_a_tag_is_an_error_with_its_line_number() {
    let err = parse("EU B-ORG\nrejects\n").expect_err("no tag");
    assert_eq!(err.line, 2);
    assert!(parse("EU B-ORG\nrejects XYZ\n").is_err());
}

#[test]
fn scoring_counts_exact_spans() {
    // the tagger's own output on an easy sentence is scored against gold of our making
    let gold = "The O\nchancellor O\n, O\nAngela B-PER\nMerkel I-PER\n, O\nvisited O\nParis B-LOC\non O\nMonday O\n, O\nofficials O\nsaid O\n. O\n";
    let docs = parse(gold).expect("parses");
    let s = lede_entity::eval::score(lede_entity::loaded(), &docs);
    assert_eq!(s.overall.gold, 2);
    assert!(s.overall.tp <= s.overall.predicted);
    assert_eq!(s.overall.tp, 2, "{s:?}");
}
