//! Development helper: prints the expressions found in each line of stdin, resolved against
//! a publication date (`echo TEXT | cargo run --release -p lede-timeline --example tag --
//! 2023-04-20`).

use std::io::BufRead;

fn main() {
    let dct = std::env::args()
        .nth(1)
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let doc = lede_core::Document::new(
            "line",
            line.clone(),
            lede_core::Metadata {
                date: dct,
                ..Default::default()
            },
        );
        let out = lede_timeline::analyze(&doc);
        println!("{line}");
        for t in &out.timexes {
            let attrs: Vec<String> = [
                t.modifier.map(|m| format!("mod={m}")),
                t.quant.map(|q| format!("quant={q}")),
                t.freq.as_ref().map(|f| format!("freq={f}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            println!(
                "  {:?} {} {} {}",
                t.span.text,
                t.kind.as_str(),
                t.value,
                attrs.join(" ")
            );
        }
    }
}
