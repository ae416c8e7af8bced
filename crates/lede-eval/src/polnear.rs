//! `PolNeAR` splits: `text/<article>.txt` and `attributions/<article>_<annotator>.ann` (BRAT
//! standoff, read by [`crate::brat`]), and the attributions they hold (source, cue, content).
//! Read by `lede eval quotes` and by the quote analyser's learning examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::brat::Annotations;
use crate::{Error, Result};

/// A span as a list of fragments (byte offsets), normalised.
pub type Frags = Vec<(usize, usize)>;

/// The attribution spans of one annotation file (or of the analyser's output mapped onto
/// `PolNeAR`'s conventions), each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributions {
    pub source: Vec<Frags>,
    pub cue: Vec<Frags>,
    pub content: Vec<Frags>,
}

impl Attributions {
    /// Sorts each list and drops repeats.
    pub fn dedup(&mut self) {
        dedup(&mut self.source);
        dedup(&mut self.cue);
        dedup(&mut self.content);
    }
}

fn dedup(v: &mut Vec<Frags>) {
    let set: BTreeSet<Frags> = v.drain(..).collect();
    v.extend(set);
}

/// The `.ann` files of `split/attributions`, sorted (none is an error). A folder without
/// `attributions/` is read as a plain BRAT folder (`<article>.ann` beside `<article>.txt`, as
/// `lede analyze --format brat --out-dir` writes it).
pub fn annotation_files(split: &Path) -> Result<Vec<PathBuf>> {
    let polnear = split.join("attributions");
    let ann_dir = if polnear.is_dir() {
        polnear
    } else {
        split.to_owned()
    };
    let anns = crate::walk(&ann_dir, 1, "reading", |e| {
        e.path().extension().is_some_and(|x| x == "ann")
    })?;
    if anns.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no .ann files",
            ann_dir.display()
        )));
    }
    Ok(anns)
}

/// The article of an annotation file: `<article>_<annotator>.ann` in `PolNeAR`'s
/// `attributions/`, `<article>.ann` in a plain BRAT folder.
pub fn article_of(ann: &Path) -> String {
    let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let polnear = ann
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "attributions");
    if polnear {
        stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_owned()
    } else {
        stem.to_owned()
    }
}

/// The path of the article's text: `split/text/<article>.txt` (`PolNeAR`), or
/// `split/<article>.txt` in a plain BRAT folder.
pub fn article_path(split: &Path, article: &str) -> PathBuf {
    let name = format!("{article}.txt");
    let polnear = split.join("text");
    if polnear.is_dir() {
        polnear.join(name)
    } else {
        split.join(name)
    }
}

/// The article's text ([`article_path`]).
pub fn article_text(split: &Path, article: &str) -> Result<String> {
    crate::read_to_string(&article_path(split, article), "cannot read")
}

/// Sorts fragments and joins those separated only by whitespace (`“A.”;“B.”` written as two
/// fragments or one is the same span).
pub fn normalise(text: &str, mut f: Frags) -> Frags {
    f.sort_unstable();
    let mut out: Frags = Vec::with_capacity(f.len());
    for (a, b) in f {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.1.min(a)..a).unwrap_or("x");
            if a <= last.1 || gap.trim().is_empty() {
                last.1 = last.1.max(b);
                continue;
            }
        }
        out.push((a, b));
    }
    out
}

/// One attribution: its source (none for `Attribution-no-source`), cue and content, fragments
/// normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attribution {
    pub source: Option<Frags>,
    pub cue: Frags,
    pub content: Frags,
}

/// The `Attribution` events of a file, in file order (a missing span is empty).
pub fn linked(ann: &Annotations<'_>, text: &str) -> Vec<Attribution> {
    // a repeated id: the later line wins
    let spans: BTreeMap<&str, &[(usize, usize)]> = ann
        .spans
        .iter()
        .map(|s| (s.id, s.fragments.as_slice()))
        .collect();
    let mut out = Vec::new();
    for event in &ann.events {
        let Some(&(ty, _)) = event.args.first() else {
            continue;
        };
        if !ty.starts_with("Attribution") {
            continue;
        }
        let mut a = Attribution::default();
        for &(role, tid) in &event.args[1..] {
            let Some(frags) = spans.get(tid) else {
                continue;
            };
            let frags = normalise(text, frags.to_vec());
            match role {
                "Source" => a.source = Some(frags),
                "Cue" => a.cue = frags,
                "Content" => a.content = frags,
                _ => {}
            }
        }
        out.push(a);
    }
    out
}

impl Attributions {
    /// The spans of `linked` attributions, each counted once (one source may serve several).
    pub fn of(linked: &[Attribution]) -> Self {
        let mut d = Attributions::default();
        for a in linked {
            d.source.extend(a.source.clone());
            if !a.cue.is_empty() {
                d.cue.push(a.cue.clone());
            }
            if !a.content.is_empty() {
                d.content.push(a.content.clone());
            }
        }
        d.dedup();
        d
    }
}

/// The sources, cues and contents of the `Attribution` events of a file, each span counted
/// once (one source may serve several attributions), fragments normalised.
pub fn attributions(ann: &Annotations<'_>, text: &str) -> Attributions {
    Attributions::of(&linked(ann, text))
}

/// The single-fragment `Cue` spans of a file, in file order (whether or not an event uses
/// them): what the cue learners count.
pub fn cue_spans(ann: &Annotations<'_>) -> Vec<(usize, usize)> {
    ann.spans
        .iter()
        .filter(|s| s.kind == "Cue")
        .filter_map(|s| match s.fragments.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_count_each_span_once_and_join_fragments() {
        let text = "\"A.\" \"B.\" she said. It rained.";
        let ann = "T1\tContent 0 4;5 9\t\"A.\" \"B.\"\nT2\tSource 10 13\tshe\n\
                   T3\tCue 14 18\tsaid\nT4\tCue 20 22\tIt\n\
                   E1\tAttribution:T9 Content:T1 Source:T2 Cue:T3\n\
                   E2\tAttribution:T8 Source:T2 Cue:T3\n";
        let a = crate::brat::parse(ann, text).unwrap();
        let d = attributions(&a, text);
        assert_eq!(d.content, [vec![(0, 9)]]);
        assert_eq!(d.source, [vec![(10, 13)]]);
        assert_eq!(d.cue, [vec![(14, 18)]]);
        // every single-fragment cue, used or not
        assert_eq!(cue_spans(&a), [(14, 18), (20, 22)]);
        assert_eq!(
            article_of(Path::new("x/attributions/art_12_anno3.ann")),
            "art_12"
        );
    }
}
