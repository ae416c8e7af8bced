//! lede-words: word representations learnt from large unlabelled text, shared by the analysers.
//!
//! For the 300,000 most frequent lowercase words of the GloVe 6B vectors (Wikipedia and
//! Gigaword newswire; see `MODEL_CARD.md`), this crate embeds
//!
//! - a **frequency rank** (0 = the most frequent word, `the`), and
//! - a **cluster id at four granularities** ([`LEVELS`]: 64, 256, 1,024 and 4,096 clusters),
//!   from spherical k-means over the 100-dimensional vectors: words used alike (`tuesday` and
//!   `friday`; `stoltenberg` and `rasmussen`; `said` and `told`) share a cluster, and the
//!   coarser levels group them more broadly.
//!
//! Taggers and classifiers use the ids as features (as Brown clusters are used by Ratinov &
//! Roth 2009): they carry what a word is like from 6 billion words of text to words never seen
//! in a small labelled set. The tables are built by `lede-build-words` (`src/bin`), embedded with
//! `include_bytes!`, and read in place: a lookup costs one walk of a finite-state transducer
//! (the `fst` crate) and one array read, with no start-up work.
//!
//! ```
//! let said = lede_words::lookup("said").unwrap();
//! let told = lede_words::lookup("Told").unwrap(); // case-insensitive
//! assert!(said.rank < 100);
//! assert_eq!(said.cluster(0), told.cluster(0));
//! assert!(lede_words::lookup("qwzxv-not-a-word").is_none());
//! ```

// GloVe, Gigaword, PDDL are names, not code.
#![allow(clippy::doc_markdown)]

pub mod kmeans;

use std::sync::OnceLock;

/// The number of clusters at each granularity, coarsest first.
pub const LEVELS: [u32; 4] = [64, 256, 1024, 4096];

/// What the tables know of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordInfo {
    /// Frequency rank in the GloVe vocabulary: 0 is the most frequent word.
    pub rank: u32,
    /// Cluster id at each of [`LEVELS`] (`clusters[i] < LEVELS[i]`).
    pub clusters: [u16; 4],
}

impl WordInfo {
    /// The cluster id at granularity `level` (an index into [`LEVELS`]; out of range: the
    /// finest).
    pub fn cluster(&self, level: usize) -> u16 {
        self.clusters[level.min(LEVELS.len() - 1)]
    }
}

/// The embedded word index: lowercase word -> rank.
const WORDS_FST: &[u8] = include_bytes!("../data/words.fst");
/// The embedded cluster table, indexed by rank (see [`table_bytes`]).
const CLUSTERS: &[u8] = include_bytes!("../data/clusters.bin");

/// Magic bytes of the cluster table.
pub const MAGIC: &[u8; 8] = b"LEDEWRD1";

/// Why the embedded tables could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the embedded word index cannot be read: {0}")]
    Index(String),
    #[error("the embedded cluster table has the wrong magic, shape or length")]
    Table,
}

/// The word tables: an index from word to rank, and the cluster ids by rank.
pub struct Words {
    /// `None` for the empty table.
    index: Option<fst::Map<&'static [u8]>>,
    /// Level-major `u16` little-endian ids: level `l` of rank `r` at `2 * (l * n + r)`.
    clusters: &'static [u8],
    n: usize,
}

impl Words {
    /// Reads tables written by `lede-build-words` (the index as an `fst` map, the table as
    /// [`table_bytes`] writes it).
    pub fn from_bytes(index: &'static [u8], table: &'static [u8]) -> Result<Self, LoadError> {
        let index = fst::Map::new(index).map_err(|e| LoadError::Index(e.to_string()))?;
        let header = 8 + 4 + 4 + 4 * LEVELS.len();
        if table.len() < header || &table[..8] != MAGIC {
            return Err(LoadError::Table);
        }
        let u32_at =
            |p: usize| u32::from_le_bytes([table[p], table[p + 1], table[p + 2], table[p + 3]]);
        let n = u32_at(8) as usize;
        let levels = u32_at(12) as usize;
        if levels != LEVELS.len()
            || (0..levels).any(|l| u32_at(16 + 4 * l) != LEVELS[l])
            || table.len() != header + 2 * levels * n
            || index.len() != n
        {
            return Err(LoadError::Table);
        }
        Ok(Self {
            index: Some(index),
            clusters: &table[header..],
            n,
        })
    }

    /// An empty table (every lookup misses).
    pub fn empty() -> Self {
        Self {
            index: None,
            clusters: &[],
            n: 0,
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// What is known of a word already in lowercase (as [`lower`] gives it).
    #[inline]
    pub fn lookup_lower(&self, lower: &str) -> Option<WordInfo> {
        let rank = self.index.as_ref()?.get(lower)? as usize;
        if rank >= self.n {
            return None;
        }
        let mut clusters = [0u16; 4];
        for (l, c) in clusters.iter_mut().enumerate() {
            let p = 2 * (l * self.n + rank);
            *c = u16::from_le_bytes([self.clusters[p], self.clusters[p + 1]]);
        }
        Some(WordInfo {
            rank: rank as u32,
            clusters,
        })
    }

    /// What is known of a word, in any case.
    pub fn lookup(&self, word: &str) -> Option<WordInfo> {
        self.lookup_lower(&lower(word))
    }
}

/// The embedded tables, read on first use (in place: no copy, no parsing). If they could not
/// be read, every lookup misses and [`load_error`] says why.
pub fn words() -> &'static Words {
    &loaded().0
}

fn loaded() -> &'static (Words, Option<LoadError>) {
    static WORDS: OnceLock<(Words, Option<LoadError>)> = OnceLock::new();
    WORDS.get_or_init(|| match Words::from_bytes(WORDS_FST, CLUSTERS) {
        Ok(w) => (w, None),
        Err(e) => (Words::empty(), Some(e)),
    })
}

/// Why the embedded tables could not be read, if they could not.
pub fn load_error() -> Option<&'static LoadError> {
    loaded().1.as_ref()
}

/// What the embedded tables know of a word (case-insensitive).
pub fn lookup(word: &str) -> Option<WordInfo> {
    words().lookup(word)
}

/// [`lookup`] for a word already lowercased with [`lower`] (saves the copy in hot loops).
pub fn lookup_lower(lower: &str) -> Option<WordInfo> {
    words().lookup_lower(lower)
}

/// The lowercase form the tables are keyed by: Unicode lowercase, with the typographic
/// apostrophe `’` folded to `'` (GloVe's tokens are lowercase and ASCII-apostrophed: `n't`).
pub fn lower(w: &str) -> String {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return w.to_owned();
    }
    w.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The cluster table as [`Words::from_bytes`] reads it: magic, `n`, the number of levels, the
/// clusters per level, then each level's ids by rank (`u16`, little-endian).
pub fn table_bytes(ids: &[[u16; 4]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 16 + ids.len() * 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(ids.len() as u32).to_le_bytes());
    out.extend_from_slice(&(LEVELS.len() as u32).to_le_bytes());
    for k in LEVELS {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for l in 0..LEVELS.len() {
        for row in ids {
            out.extend_from_slice(&row[l].to_le_bytes());
        }
    }
    out
}
