//! Time of the entity analyser on 1, 2 and 4 MB documents of the shapes that once made it
//! quadratic: many attributed quotations (`"x y," Anna Keller17 said.`), and our own news
//! articles concatenated. Prints CPU seconds and MB per CPU-second for each size; linear time
//! shows as a flat rate.
//!
//!     cargo bench -p lede-entity --bench scaling

use lede_core::{Document, Metadata};
use lede_entity::EntityAnalyzer;

#[path = "../tests/entity/shapes.rs"]
mod shapes;

fn main() {
    // load the model before timing
    let warm = Document::from_plain_text("w", "Warm up in Geneva.", Metadata::default());
    let _ = EntityAnalyzer.run(&warm);
    println!("shape   MB   mentions  CPU s   MB/CPU-s");
    for (name, make) in [
        (
            "quotes",
            &(|bytes: usize| shapes::quotes(bytes / 28)) as &dyn Fn(usize) -> String,
        ),
        ("news", &shapes::news),
    ] {
        for mb in [1usize, 2, 4] {
            let mut text = make(mb * 1_000_000);
            let limit = (mb * 1_000_000).min(text.len());
            let cut = (0..=limit)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            text.truncate(cut);
            let doc = Document::from_plain_text(name, text, Metadata::default());
            let t0 = cpu_time::ProcessTime::now();
            let out = EntityAnalyzer.run(&doc);
            let secs = t0.elapsed().as_secs_f64();
            println!(
                "{name:<7} {mb:>2} {:>10} {secs:>7.2} {:>9.2}",
                out.mentions.len(),
                mb as f64 / secs.max(1e-9)
            );
        }
    }
}
