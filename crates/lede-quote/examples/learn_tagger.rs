//! Trains the attribution tagger (`src/tagger`, `model/tagger_cues.bin` and
//! `model/tagger_spans.bin`) on a `PolNeAR` split, both stages with an averaged structured
//! perceptron (`src/tagger/train.rs`):
//!
//! 1. every paragraph of every annotation file is a sequence labelled with all its
//!    attributions (source, cue, content; `src/tagger/labels.rs`);
//! 2. every gold attribution is a sequence of its own (its paragraph, labelled with its source,
//!    cue and content only), and so is every cue the rules or stage one propose that is no gold
//!    cue (labelled with nothing but the cue: stage two learns to give it no content). Stage
//!    one's cues for training stage two come from models trained on the other folds, so that
//!    they make the mistakes stage one makes on unseen text.
//!
//! The order of the sequences in each epoch comes from `fastrand` with fixed seeds: the same
//! data give the same files, byte for byte.
//!
//!     cargo run --release -p lede-quote --example learn_tagger -- \
//!         ../shared/data/quotes/polnear/data/train crates/lede-quote/model \
//!         [--folds 5] [--dev ../shared/data/quotes/polnear/data/dev]
//!
//! With `--folds K` it first prints the scores of K-fold cross-validation by article (each fold
//! scored by the analyser with models trained on the others, as `lede eval quotes` scores);
//! with `--dev DIR` the scores of the final models on that split. It also prints what the rest
//! of the analyser makes of the gold attributions (`oracle`). The models hold feature hashes
//! and weights, no text of the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lede_core::{Analyzer, Context, Document, Metadata, Span};
use lede_entity::EntityOutput;
use lede_eval::polnear::{self, Attribution};
use lede_eval::quotes::{self, Tally};
use lede_quote::tagger::features::Prepared;
use lede_quote::tagger::labels::{self, Role};
use lede_quote::tagger::model::Index;
use lede_quote::tagger::train::{number_features, Perceptron, Sequence};
use lede_quote::tagger::{spans, Linked, Model, Tagger};

type Error = Box<dyn std::error::Error>;

struct Article {
    doc: Document,
    ents: EntityOutput,
    prep: Prepared,
}

struct AnnFile {
    article: usize,
    gold: Vec<Attribution>,
    /// The gold attributions as token ranges.
    linked: Vec<Linked>,
    labels: Vec<u8>,
}

#[derive(Clone)]
struct Options {
    epochs: usize,
    epochs2: usize,
    min_count: u32,
    /// Folds of stage one whose cues train stage two (0: the rules' cues only).
    jackknife: usize,
    /// Stage one learns the cue labels alone.
    cues_only: bool,
    /// The cue margin of the model written ([`lede_quote::tagger::Tagger::min_margin`]).
    margin: f32,
    /// Further margins scored in cross-validation.
    margins: Vec<f32>,
}

fn load(split: &Path) -> Result<(Vec<Article>, Vec<AnnFile>), Error> {
    let mut articles: Vec<Article> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut files = Vec::new();
    for ann_path in polnear::annotation_files(split)? {
        let name = polnear::article_of(&ann_path);
        let article = if let Some(&a) = index.get(&name) {
            a
        } else {
            let text = polnear::article_text(split, &name)?;
            let doc = Document::from_plain_text(name.clone(), text, Metadata::default());
            let ents = lede_entity::EntityAnalyzer.analyze(&doc, &Context::new())?;
            let ents = ents
                .as_any()
                .downcast_ref::<EntityOutput>()
                .ok_or("entity output")?
                .clone();
            let prep = lede_quote::prepare(&doc, &ents);
            index.insert(name, articles.len());
            articles.push(Article { doc, ents, prep });
            articles.len() - 1
        };
        let a = &articles[article];
        let ann_text = std::fs::read_to_string(&ann_path)?;
        let ann = lede_eval::brat::parse(&ann_text, a.doc.text())?;
        let gold = polnear::linked(&ann, a.doc.text());
        let linked = gold_linked(&a.prep, &gold);
        let labels = gold_labels_all(a.prep.tokens.len(), &linked);
        files.push(AnnFile {
            article,
            gold,
            linked,
            labels,
        });
    }
    Ok((articles, files))
}

fn gold_linked(prep: &Prepared, gold: &[Attribution]) -> Vec<Linked> {
    let range = |f: &(usize, usize)| prep.token_range(Span::new(f.0, f.1));
    gold.iter()
        .filter(|a| !a.cue.is_empty() && !a.content.is_empty())
        .map(|a| Linked {
            cue: (range(&a.cue[0]).0, range(&a.cue[a.cue.len() - 1]).1),
            source: a
                .source
                .as_ref()
                .filter(|s| !s.is_empty())
                .map(|s| (range(&s[0]).0, range(&s[s.len() - 1]).1)),
            content: a.content.iter().map(range).collect(),
        })
        .collect()
}

/// Attributions as labels over `n` tokens.
fn gold_labels(n: usize, linked: &[&Linked]) -> Vec<u8> {
    let mut spans: Vec<(Role, Vec<(usize, usize)>)> = Vec::new();
    for a in linked {
        spans.push((Role::Cue, vec![a.cue]));
        if let Some(s) = a.source {
            spans.push((Role::Source, vec![s]));
        }
        spans.push((Role::Content, a.content.clone()));
    }
    labels::encode(n, &spans)
}

fn gold_labels_all(n: usize, linked: &[Linked]) -> Vec<u8> {
    gold_labels(n, &linked.iter().collect::<Vec<_>>())
}

fn sequence_of(prep: &Prepared, i: usize) -> Option<(usize, usize)> {
    prep.sequences
        .iter()
        .copied()
        .find(|&(a, b)| a <= i && i < b)
}

fn hashes_of<'a>(
    articles: &'a [Article],
    files: &'a [&AnnFile],
) -> impl Iterator<Item = &'a u64> + Clone + 'a {
    files.iter().flat_map(move |f| {
        let prep = &articles[f.article].prep;
        prep.sequences
            .iter()
            .flat_map(move |&(a, b)| (a..b).flat_map(move |i| prep.token_feats(i).iter()))
    })
}

fn base_ids(prep: &Prepared, index: &Index, a: usize, b: usize, s: &mut Sequence) {
    s.offs.push(s.ids.len() as u32);
    for i in a..b {
        s.ids.extend(
            prep.token_feats(i)
                .iter()
                .filter_map(|h| index.get(h).copied()),
        );
        s.offs.push(s.ids.len() as u32);
    }
}

/// Stage one's cue chunks against the gold cues: precision, recall, F1.
fn cue_prf(articles: &[Article], files: &[&AnnFile], m: &Model) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for f in files {
        let prep = &articles[f.article].prep;
        let l = lede_quote::tagger::tag(m, prep);
        let pred: BTreeSet<(usize, usize)> = prep
            .sequences
            .iter()
            .flat_map(|&(a, b)| labels::chunks(&l[a..b], a))
            .filter(|c| c.role == Role::Cue)
            .map(|c| (c.start, c.end))
            .collect();
        let gold: BTreeSet<(usize, usize)> = f.linked.iter().map(|g| g.cue).collect();
        tp += pred.intersection(&gold).count();
        np += pred.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (100.0 * p, 100.0 * r, 200.0 * p * r / (p + r).max(1e-9))
}

fn train_cues(articles: &[Article], files: &[&AnnFile], opt: &Options) -> Model {
    train_cues_traced(articles, files, opt, &mut |_, _| {})
}

fn train_cues_traced(
    articles: &[Article],
    files: &[&AnnFile],
    opt: &Options,
    each: &mut dyn FnMut(usize, &Model),
) -> Model {
    let (index, order) = number_features(hashes_of(articles, files), opt.min_count);
    let mut seqs = Vec::new();
    for f in files {
        let prep = &articles[f.article].prep;
        for &(a, b) in &prep.sequences {
            let mut s = Sequence::default();
            base_ids(prep, &index, a, b, &mut s);
            s.gold = f.labels[a..b].to_vec();
            if opt.cues_only {
                for l in &mut s.gold {
                    if !matches!(*l, labels::CUE_B | labels::CUE_I) {
                        *l = labels::O;
                    }
                }
            }
            seqs.push(s);
        }
    }
    let mut p = Perceptron::new(order.len(), 0.0);
    let mut idx: Vec<usize> = (0..seqs.len()).collect();
    for epoch in 0..opt.epochs {
        fastrand::Rng::with_seed(epoch as u64 + 1).shuffle(&mut idx);
        for &i in &idx {
            p.learn(&seqs[i]);
        }
        each(epoch + 1, &p.model(&order));
    }
    p.model(&order)
}

/// A stage-two training instance: an article, a cue, and the attribution it has (none for a
/// cue that is no gold cue).
struct Instance {
    article: usize,
    seq: (usize, usize),
    cue: (usize, usize),
    gold: Option<Linked>,
}

fn instance_sequence(
    articles: &[Article],
    inst: &Instance,
    index: &Index,
    base: &[Vec<u32>],
    rel: &mut Vec<u64>,
) -> Sequence {
    let prep = &articles[inst.article].prep;
    let (a, b) = inst.seq;
    let cx = spans::CueCtx::new(prep, inst.seq, inst.cue);
    let mut s = Sequence::default();
    s.offs.push(0);
    for i in a..b {
        s.ids.extend_from_slice(
            &base[inst.article][prep.offsets[i] as usize..prep.offsets[i + 1] as usize],
        );
        rel.clear();
        spans::relative(prep, &cx, i, rel);
        s.ids
            .extend(rel.iter().filter_map(|h| index.get(h).copied()));
        s.offs.push(s.ids.len() as u32);
        s.mask.push(spans::mask(inst.cue, i));
    }
    let l = match &inst.gold {
        Some(g) => {
            let mut g = g.clone();
            g.content.retain(|c| c.0 >= a && c.1 <= b);
            g.source = g.source.filter(|s| s.0 >= a && s.1 <= b);
            gold_labels(prep.tokens.len(), &[&g])
        }
        None => gold_labels(
            prep.tokens.len(),
            &[&Linked {
                cue: inst.cue,
                source: None,
                content: Vec::new(),
            }],
        ),
    };
    s.gold = l[a..b].to_vec();
    s
}

fn train_spans(articles: &[Article], instances: &[Instance], opt: &Options) -> Model {
    // number the features: the tokens' own, then the relative ones
    let mut rel = Vec::new();
    let mut all: Vec<u64> = Vec::new();
    let mut seen_article = BTreeSet::new();
    for x in instances {
        let prep = &articles[x.article].prep;
        if seen_article.insert(x.article) {
            all.extend_from_slice(&prep.feats);
        }
        let cx = spans::CueCtx::new(prep, x.seq, x.cue);
        for i in x.seq.0..x.seq.1 {
            spans::relative(prep, &cx, i, &mut rel);
        }
    }
    all.extend_from_slice(&rel);
    let (index, order) = number_features(all.iter(), opt.min_count);
    let base: Vec<Vec<u32>> = articles
        .iter()
        .map(|a| {
            a.prep
                .feats
                .iter()
                .map(|h| index.get(h).copied().unwrap_or(u32::MAX))
                .collect()
        })
        .collect();
    // (features below the count are marked u32::MAX and dropped here)
    let base: Vec<Vec<u32>> = base;
    let mut p = Perceptron::new(order.len(), 0.0);
    let mut idx: Vec<usize> = (0..instances.len()).collect();
    let mut rel = Vec::new();
    for epoch in 0..opt.epochs2 {
        fastrand::Rng::with_seed(epoch as u64 + 101).shuffle(&mut idx);
        for &i in &idx {
            let mut s = instance_sequence(articles, &instances[i], &index, &base, &mut rel);
            // drop the base features below the count
            let mut ids = Vec::with_capacity(s.ids.len());
            let mut offs = vec![0u32];
            for k in 0..s.gold.len() {
                ids.extend(
                    s.ids[s.offs[k] as usize..s.offs[k + 1] as usize]
                        .iter()
                        .filter(|&&x| x != u32::MAX),
                );
                offs.push(ids.len() as u32);
            }
            s.ids = ids;
            s.offs = offs;
            p.learn(&s);
        }
    }
    p.model(&order)
}

/// The stage-two instances of the given files: their gold attributions, and the cues of
/// `proposed` (per file) that are no gold cue.
fn instances(
    articles: &[Article],
    files: &[&AnnFile],
    proposed: &[Vec<(usize, usize)>],
) -> Vec<Instance> {
    let mut out = Vec::new();
    for (f, prop) in files.iter().zip(proposed) {
        let prep = &articles[f.article].prep;
        for g in &f.linked {
            if let Some(seq) = sequence_of(prep, g.cue.0) {
                out.push(Instance {
                    article: f.article,
                    seq,
                    cue: g.cue,
                    gold: Some(g.clone()),
                });
            }
        }
        let gold_cues: Vec<(usize, usize)> = f.linked.iter().map(|g| g.cue).collect();
        let mut seen = BTreeSet::new();
        for &c in prop {
            if gold_cues.iter().any(|g| g.0 < c.1 && c.0 < g.1) || !seen.insert(c) {
                continue;
            }
            if let Some(seq) = sequence_of(prep, c.0) {
                out.push(Instance {
                    article: f.article,
                    seq,
                    cue: c,
                    gold: None,
                });
            }
        }
    }
    out
}

fn train(articles: &[Article], files: &[&AnnFile], opt: &Options) -> Tagger {
    let cues = train_cues(articles, files, opt);
    // the cues proposed for training stage two: the rules', and stage one's on unseen text
    let mut proposed: Vec<Vec<(usize, usize)>> = files
        .iter()
        .map(|f| {
            articles[f.article]
                .prep
                .rule_attrs
                .iter()
                .map(|r| r.cue)
                .collect()
        })
        .collect();
    if opt.jackknife > 1 {
        let mut fold_of: Vec<usize> = (0..files.len()).map(|i| i % opt.jackknife).collect();
        fastrand::Rng::with_seed(11).shuffle(&mut fold_of);
        for k in 0..opt.jackknife {
            let tr: Vec<&AnnFile> = files
                .iter()
                .zip(&fold_of)
                .filter(|(_, &g)| g != k)
                .map(|(f, _)| *f)
                .collect();
            let m = train_cues(articles, &tr, opt);
            for (i, f) in files.iter().enumerate() {
                if fold_of[i] == k {
                    let prep = &articles[f.article].prep;
                    let scored = lede_quote::tagger::scored_cues(&m, prep, opt.margin > 0.0);
                    proposed[i].extend(
                        lede_quote::tagger::cues(prep, &scored, opt.margin)
                            .into_iter()
                            .map(|c| c.0),
                    );
                }
            }
        }
    }
    let inst = instances(articles, files, &proposed);
    let spans = train_spans(articles, &inst, opt);
    Tagger {
        cues,
        spans,
        min_margin: opt.margin,
    }
}

fn score(articles: &[Article], files: &[&AnnFile], model: &Tagger) -> Tally {
    score_with(articles, files, model, lede_quote::analyze_with_model)
}

fn score_with(
    articles: &[Article],
    files: &[&AnnFile],
    model: &Tagger,
    analyze: fn(&Document, &EntityOutput, &Tagger) -> lede_quote::QuoteOutput,
) -> Tally {
    let mut t = Tally::default();
    for f in files {
        let a = &articles[f.article];
        let out = analyze(&a.doc, &a.ents, model);
        t.add(&quotes::tally(
            a.doc.text(),
            &f.gold,
            &quotes::to_polnear(a.doc.text(), &out),
        ));
    }
    t
}

fn print(what: &str, t: &Tally) {
    let r = t.report();
    eprintln!(
        "{what}: exact F1 source {:.2} cue {:.2} content {:.2} | quoted {:.2} | linked {:.2} (overlap {:.2}) | overlap content {:.2} | cue P {:.1} R {:.1}",
        100.0 * r.exact.source.f1,
        100.0 * r.exact.cue.f1,
        100.0 * r.exact.content.f1,
        100.0 * r.quoted.exact.content.f1,
        100.0 * r.linked.exact.f1,
        100.0 * r.linked.overlap.f1,
        100.0 * r.overlap.content.f1,
        100.0 * r.exact.cue.precision,
        100.0 * r.exact.cue.recall,
    );
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut pos, mut folds, mut dev, mut trace) = (Vec::new(), 0usize, None, false);
    let mut opt = Options {
        epochs: 10,
        epochs2: 10,
        min_count: 2,
        jackknife: 0,
        cues_only: false,
        margin: lede_quote::tagger::CUE_MARGIN,
        margins: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = || -> Result<usize, Error> { Ok(it.next().ok_or("a number")?.parse()?) };
        match a.as_str() {
            "--folds" => folds = num()?,
            "--epochs" => opt.epochs = num()?,
            "--epochs2" => opt.epochs2 = num()?,
            "--min-count" => opt.min_count = num()? as u32,
            "--jackknife" => opt.jackknife = num()?,
            "--dev" => dev = Some(it.next().ok_or("--dev DIR")?.clone()),
            "--trace-cues" => trace = true,
            "--cues-only" => opt.cues_only = true,
            "--margin" => opt.margin = it.next().ok_or("--margin X")?.parse()?,
            "--margins" => {
                opt.margins = it
                    .next()
                    .ok_or("--margins X,Y,...")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            _ => pos.push(a.clone()),
        }
    }
    let [split, out_dir] = pos.as_slice() else {
        return Err("usage: learn_tagger POLNEAR_SPLIT_DIR MODEL_DIR [--folds K] [--dev DIR] [--epochs N] [--epochs2 N] [--min-count N] [--jackknife K]".into());
    };
    let (articles, files) = load(Path::new(split))?;
    eprintln!(
        "{} annotation files, {} articles",
        files.len(),
        articles.len()
    );
    let all: Vec<&AnnFile> = files.iter().collect();
    let dev = dev.map(|d| load(Path::new(&d))).transpose()?;
    let mut oracle = Tally::default();
    for f in &all {
        let a = &articles[f.article];
        let out = lede_quote::analyze_with_attributions(&a.doc, &a.ents, &f.linked);
        oracle.add(&quotes::tally(
            a.doc.text(),
            &f.gold,
            &quotes::to_polnear(a.doc.text(), &out),
        ));
    }
    print("oracle (gold attributions, training split)", &oracle);
    if let Some((da, df)) = &dev {
        let mut rules = Tally::default();
        for f in df {
            let a = &da[f.article];
            let text = a.doc.text();
            let out = lede_quote::analyze_rules(&a.doc, &a.ents);
            rules.add(&quotes::tally(
                text,
                &f.gold,
                &quotes::to_polnear(text, &out),
            ));
        }
        print("dev: the rules", &rules);
    }
    if trace {
        let (da, df) = dev.as_ref().ok_or("--trace-cues needs --dev")?;
        let dev_all: Vec<&AnnFile> = df.iter().collect();
        train_cues_traced(&articles, &all, &opt, &mut |e, m| {
            let (p, r, f) = cue_prf(&articles, &all[..200], m);
            let (dp, dr, dfm) = cue_prf(da, &dev_all, m);
            eprintln!("epoch {e}: stage-one cues, training files P {p:.1} R {r:.1} F1 {f:.2}; dev P {dp:.1} R {dr:.1} F1 {dfm:.2}");
        });
        return Ok(());
    }
    if folds > 1 {
        let mut rules = Tally::default();
        for f in &all {
            let a = &articles[f.article];
            let text = a.doc.text();
            let out = lede_quote::analyze_rules(&a.doc, &a.ents);
            rules.add(&quotes::tally(
                text,
                &f.gold,
                &quotes::to_polnear(text, &out),
            ));
        }
        print("training split: the rules", &rules);
        let mut fold_of: Vec<usize> = (0..articles.len()).map(|i| i % folds).collect();
        fastrand::Rng::with_seed(7).shuffle(&mut fold_of);
        let mut total = Tally::default();
        let mut alone = Tally::default();
        let mut by_margin = vec![Tally::default(); opt.margins.len()];
        for k in 0..folds {
            let tr: Vec<&AnnFile> = files.iter().filter(|f| fold_of[f.article] != k).collect();
            let te: Vec<&AnnFile> = files.iter().filter(|f| fold_of[f.article] == k).collect();
            let mut m = train(&articles, &tr, &opt);
            let t = score(&articles, &te, &m);
            print(&format!("fold {k}"), &t);
            total.add(&t);
            alone.add(&score_with(
                &articles,
                &te,
                &m,
                lede_quote::analyze_tagger_only,
            ));
            for (&x, sum) in opt.margins.iter().zip(&mut by_margin) {
                m.min_margin = x;
                sum.add(&score(&articles, &te, &m));
            }
        }
        print("cross-validation", &total);
        print("cross-validation, the tagger alone", &alone);
        for (x, t) in opt.margins.iter().zip(&by_margin) {
            print(&format!("cross-validation, cue margin {x}"), t);
        }
    }
    let model = train(&articles, &all, &opt);
    eprintln!(
        "{} + {} features",
        model.cues.rows.len(),
        model.spans.rows.len()
    );
    if let Some((da, df)) = &dev {
        let dev_all: Vec<&AnnFile> = df.iter().collect();
        print("dev", &score(da, &dev_all, &model));
        print(
            "dev, the tagger alone",
            &score_with(da, &dev_all, &model, lede_quote::analyze_tagger_only),
        );
    }
    let dir = Path::new(out_dir);
    std::fs::write(dir.join("tagger_cues.bin"), model.cues.to_bytes())?;
    std::fs::write(dir.join("tagger_spans.bin"), model.spans.to_bytes())?;
    eprintln!("wrote {}", dir.display());
    Ok(())
}
