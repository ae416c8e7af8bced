//! Reading a `PolNeAR` split for the learning examples (`learn_cues`, `learn_filter`): the
//! annotation files in order, the article each belongs to, and its cue spans.

use std::path::{Path, PathBuf};

/// The `.ann` files of `split/attributions`, sorted.
pub fn annotation_files(split: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(split.join("attributions"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    Ok(anns)
}

/// The article of an annotation file (`<article>_<annotator>.ann`).
pub fn article_of(ann: &Path) -> String {
    let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_owned()
}

/// The article's text (`split/text/<article>.txt`).
pub fn article_text(split: &Path, article: &str) -> std::io::Result<String> {
    std::fs::read_to_string(split.join("text").join(format!("{article}.txt")))
}

/// The single-fragment cue spans of a BRAT file, as byte ranges of `text` (its offsets count
/// characters), in file order.
pub fn cue_spans(ann: &str, text: &str) -> Vec<(usize, usize)> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some(offs) = body.strip_prefix("Cue ") else {
            continue;
        };
        if !id.starts_with('T') || offs.contains(';') {
            continue;
        }
        let mut it = offs.split_whitespace().map(str::parse::<usize>);
        if let (Some(Ok(a)), Some(Ok(b))) = (it.next(), it.next()) {
            if let (Some(&a), Some(&b)) = (byte_at.get(a), byte_at.get(b)) {
                out.push((a, b));
            }
        }
    }
    out
}
