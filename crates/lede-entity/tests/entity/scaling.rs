//! Time grows linearly with the document: a document eight times as long takes about eight
//! times as long to analyse, not sixty-four (linking once compared each mention with every
//! earlier one, and a 4 MB document took minutes). Measured in CPU time of this thread, so that
//! other work on the machine does not disturb the ratio; the best of three runs is kept.

use lede_core::{Document, Metadata};
use lede_entity::EntityAnalyzer;

use crate::shapes::{news, quotes};

fn cpu_seconds(text: &str) -> f64 {
    let doc = Document::from_plain_text("t", text.to_owned(), Metadata::default());
    (0..3)
        .map(|_| {
            let t0 = cpu_time::ThreadTime::now();
            let out = EntityAnalyzer.run(&doc);
            assert!(!out.mentions.is_empty());
            t0.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn assert_linear(name: &str, small: &str, large: &str) {
    // load the model before timing
    let _ = cpu_seconds("Warm up in Geneva.");
    let (a, b) = (cpu_seconds(small), cpu_seconds(large));
    let ratio = b / a.max(1e-6);
    // eight times the text: linear about 8, quadratic about 64
    assert!(
        ratio < 12.0,
        "{name}: {} bytes took {a:.3} s, {} bytes {b:.3} s (x{ratio:.1})",
        small.len(),
        large.len()
    );
}

#[test]
fn quotations_scale_linearly() {
    assert_linear("quotes", &quotes(4_000), &quotes(32_000));
}

#[test]
fn news_scales_linearly() {
    assert_linear("news", &news(60_000), &news(480_000));
}
