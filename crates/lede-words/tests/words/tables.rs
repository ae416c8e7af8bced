use lede_words::{table_bytes, LoadError, Words};

fn leak(v: Vec<u8>) -> &'static [u8] {
    Box::leak(v.into_boxed_slice())
}

fn small() -> (&'static [u8], &'static [u8]) {
    let index = fst::Map::from_iter([("alpha", 1u64), ("beta", 0), ("gamma", 2)])
        .expect("sorted keys")
        .into_fst()
        .into_inner();
    let table = table_bytes(&[[1, 2, 3, 4], [5, 6, 7, 8], [63, 255, 1023, 4095]]);
    (leak(index), leak(table))
}

#[test]
fn tables_round_trip() {
    let (index, table) = small();
    let w = Words::from_bytes(index, table).expect("valid tables");
    assert_eq!(w.len(), 3);
    let a = w.lookup("Alpha").expect("alpha");
    assert_eq!(a.rank, 1);
    assert_eq!(a.clusters, [5, 6, 7, 8]);
    assert_eq!(
        w.lookup("gamma").map(|i| i.clusters),
        Some([63, 255, 1023, 4095])
    );
    assert_eq!(w.lookup("delta"), None);
}

#[test]
fn bad_bytes_are_refused() {
    let (index, table) = small();
    assert!(matches!(
        Words::from_bytes(leak(b"not an fst".to_vec()), table),
        Err(LoadError::Index(_))
    ));
    assert!(matches!(
        Words::from_bytes(index, &table[..table.len() - 1]),
        Err(LoadError::Table)
    ));
    let mut wrong = table.to_vec();
    wrong[0] = b'X';
    assert!(matches!(
        Words::from_bytes(index, leak(wrong)),
        Err(LoadError::Table)
    ));
    // a table for another number of words than the index has
    let short = leak(table_bytes(&[[0, 0, 0, 0]]));
    assert!(matches!(
        Words::from_bytes(index, short),
        Err(LoadError::Table)
    ));
    let empty = Words::empty();
    assert!(empty.is_empty());
    assert_eq!(empty.lookup("alpha"), None);
}
