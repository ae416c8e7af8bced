//! Development helper: scores the analyser on a folder of `.tml` files and prints the
//! mismatches (`cargo run --release -p lede-timeline --example te3 -- DIR [--errors]`).

use std::path::Path;

use lede_eval::timex as eval;

/// The text around a span, on one line.
fn context(text: &str, s: lede_core::Span) -> String {
    let mut lo = s.start.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (s.end + 40).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    text[lo..hi].replace('\n', " ")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or(".", String::as_str);
    let show = args.iter().any(|a| a == "--errors");
    let docs = match eval::gold_docs(Path::new(dir)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let mut total = eval::Counts::default();
    let (mut anchored, mut anchor_ok) = (0usize, 0usize);
    for (_, g) in &docs {
        let sys = eval::run_on(g, "x");
        total += eval::score(g, &sys);
        // anchoring: the full analysis (with events) on the same text
        let doc = lede_core::Document::new(
            "x",
            g.text.clone(),
            lede_core::Metadata {
                date: g.dct,
                ..Default::default()
            },
        );
        let full = lede_timeline::analyze(&doc);
        for t in &full.timexes {
            let Some(ev) = &t.event else { continue };
            let Some(gt) = g.timexes.iter().find(|x| x.span.overlaps(t.span.span())) else {
                continue;
            };
            let linked: Vec<_> = g
                .time_links
                .iter()
                .filter(|(tid, _)| *tid == gt.tid)
                .filter_map(|(_, eid)| g.events.iter().find(|e| &e.eid == eid))
                .collect();
            if linked.is_empty() {
                continue;
            }
            anchored += 1;
            if linked.iter().any(|e| e.span.overlaps(ev.span())) {
                anchor_ok += 1;
            } else if show {
                let names: Vec<&str> = linked.iter().map(|e| e.span.slice(&g.text)).collect();
                println!("ANCH\t{}\t{}\t{:?}", t.span.text, ev.text, names);
            }
        }
        if show {
            for s in &sys {
                let ss = s.span.span();
                match g.timexes.iter().find(|x| x.span.overlaps(ss)) {
                    None => println!(
                        "FP\t{}\t{}\t{}\t{}",
                        s.span.text,
                        s.value,
                        g.dct.map(|d| d.to_string()).unwrap_or_default(),
                        context(&g.text, ss)
                    ),
                    Some(x) if x.span != ss => println!(
                        "EXT\t{}\t{}\t|{}|\t{}\t{}",
                        s.span.text,
                        x.span.slice(&g.text),
                        s.value,
                        x.value,
                        if x.value == s.value { "ok" } else { "BADVAL" }
                    ),
                    Some(x) if x.value != s.value => println!(
                        "VAL\t{}\t{}\t{}\tdct={}\t{}",
                        s.span.text,
                        s.value,
                        x.value,
                        g.dct.map(|d| d.to_string()).unwrap_or_default(),
                        context(&g.text, ss)
                    ),
                    _ => {}
                }
            }
            for x in &g.timexes {
                if !sys.iter().any(|s| s.span.span().overlaps(x.span)) {
                    let lo = x.span.start.saturating_sub(30);
                    let ctx = g
                        .text
                        .get(lo..x.span.end + 20)
                        .unwrap_or("")
                        .replace('\n', " ");
                    println!(
                        "FN\t{}\t{}\t{}\t{}",
                        x.span.slice(&g.text),
                        x.kind,
                        x.value,
                        ctx
                    );
                }
            }
        }
    }
    let s = total.scores();
    if anchored > 0 {
        println!("anchoring: {anchor_ok} of {anchored} anchored expressions with gold TLINKs hit a linked event ({:.3})", anchor_ok as f64 / anchored as f64);
    }
    println!(
        "docs {} gold {} sys {}\nstrict P {:.3} R {:.3} F {:.3}\nrelaxed P {:.3} R {:.3} F {:.3}\nvalue F1 {:.3} (acc {:.3})  type F1 {:.3}",
        docs.len(), total.gold, total.system,
        s.strict.precision, s.strict.recall, s.strict.f1,
        s.relaxed.precision, s.relaxed.recall, s.relaxed.f1,
        s.value_f1, s.value_accuracy, s.type_f1
    );
}
