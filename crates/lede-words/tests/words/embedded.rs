use lede_words::{lookup, LEVELS};

#[test]
fn the_embedded_tables_load() {
    assert_eq!(lede_words::load_error(), None);
    assert!(lede_words::words().len() >= 200_000);
}

#[test]
fn lookup_ignores_case_and_typographic_apostrophes() {
    let a = lookup("Reuters").expect("reuters is a GloVe word");
    assert_eq!(Some(a), lookup("REUTERS"));
    assert_eq!(Some(a), lookup("reuters"));
    assert!(lookup("'").is_some());
    assert_eq!(lookup("’"), lookup("'"));
    assert_eq!(lookup(""), None);
    assert_eq!(lookup("zqxjvw-never-a-word"), None);
}

#[test]
fn ranks_follow_frequency() {
    let rank = |w: &str| lookup(w).map(|i| i.rank).expect(w);
    assert_eq!(rank("the"), 0);
    assert!(rank("said") < rank("announced"));
    assert!(rank("announced") < rank("reiterated"));
}

#[test]
fn cluster_ids_are_in_range() {
    for w in [
        "the",
        "stoltenberg",
        "kyiv",
        "well-known",
        "unprecedented",
        "!",
    ] {
        let info = lookup(w).expect(w);
        for (l, &k) in LEVELS.iter().enumerate() {
            assert!(u32::from(info.cluster(l)) < k, "{w} level {l}");
        }
    }
}

/// Words of one kind share the coarser clusters; words of different kinds do not share the
/// finer ones.
#[test]
fn words_used_alike_share_clusters() {
    let c = |w: &str, l: usize| lookup(w).expect(w).cluster(l);
    for group in [
        &["monday", "tuesday", "wednesday", "thursday", "friday"][..],
        &["january", "february", "august", "october"][..],
        &["paris", "berlin", "madrid", "rome"][..],
    ] {
        let same = group.iter().filter(|w| c(w, 1) == c(group[0], 1)).count();
        assert!(same >= group.len() - 1, "{group:?} at 256 clusters");
    }
    assert_ne!(c("tuesday", 2), c("paris", 2));
    assert_ne!(c("said", 1), c("berlin", 1));
    assert_ne!(c("the", 3), c("volcano", 3));
}
