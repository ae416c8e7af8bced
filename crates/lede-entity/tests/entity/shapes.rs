//! Documents of the shapes that once made analysis quadratic, built from our own text at any
//! size: shared by the `scaling` test and the `scaling` benchmark (`benches/scaling.rs`).

use std::fmt::Write as _;

/// `n` quotations, each attributed to a different person (`"x y," Anna Keller17 said.`): the
/// shape with the most mentions per byte.
pub fn quotes(n: usize) -> String {
    const FIRST: [&str; 5] = ["Anna", "Peter", "Maria", "Olga", "David"];
    const LAST: [&str; 5] = ["Keller", "Novak", "Brandt", "Moreau", "Silva"];
    let mut s = String::from("Many voices\n\n");
    for i in 0..n {
        let _ = write!(
            s,
            "\"x y,\" {} {}{i} said. ",
            FIRST[i % 5],
            LAST[(i / 5) % 5]
        );
        if i % 40 == 39 {
            s.push_str("\n\n");
        }
    }
    s
}

/// Our own news articles (`tests/corpus`), concatenated until the text is `bytes` long.
pub fn news(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable article"))
        .collect();
    let mut s = String::new();
    while s.len() < bytes {
        for t in &texts {
            s.push_str(t);
            s.push_str("\n\n");
        }
    }
    s
}
