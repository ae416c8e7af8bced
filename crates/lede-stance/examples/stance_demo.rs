//! Prints the stance output (JSON) of a plain-text article, running the entity and quote
//! analysers first: `cargo run -p lede-stance --example stance_demo -- FILE [TARGET...]`.

use std::process::ExitCode;

use lede_core::{Analyzer, Context, Document, Metadata};
use lede_stance::{StanceAnalyzer, StanceOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: stance_demo FILE [TARGET...]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let doc = Document::from_plain_text(path.clone(), text, Metadata::default());
    let mut ctx = Context::new();
    let analyzers: Vec<Box<dyn Analyzer>> = vec![
        Box::new(lede_entity::EntityAnalyzer),
        Box::new(lede_quote::QuoteAnalyzer),
    ];
    for a in analyzers {
        match a.analyze(&doc, &ctx) {
            Ok(o) => ctx.insert(a.name().to_owned(), o),
            Err(e) => {
                eprintln!("error: {}: {e}", a.name());
                return ExitCode::from(1);
            }
        }
    }
    let opts = StanceOptions {
        targets: args[1..].to_vec(),
        ..StanceOptions::default()
    };
    let stance = match StanceAnalyzer::new(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let out = match stance.analyze(&doc, &ctx) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if std::env::var_os("STANCE_DEMO_ALL").is_some() {
        for (name, o) in ctx.iter() {
            let j = o.to_json().unwrap_or_default();
            println!("{name}: {}", serde_json::to_string(&j).unwrap_or_default());
        }
    }
    let json = out.to_json().unwrap_or_default();
    println!(
        "{}",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    );
    ExitCode::SUCCESS
}
