//! Small text helpers shared by the FNC-1 model and the rule-based stance: lowercase word
//! splitting, a stop-word list and a stable hash (feature hashing must give the same buckets
//! on every platform and in every run, so `std`'s randomised hasher is not usable).

/// Lowercase words of `text`: runs of alphanumeric characters; an apostrophe inside a word
/// is kept (`don't`, `ukraine's`), typographic apostrophes are folded to `'`.
pub fn lower_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’')
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A crude suffix stripper so that `denies`/`denied`/`denying` and `joins`/`joined` meet; it
/// only needs to be consistent, not linguistically right.
pub fn stem(word: &str) -> &str {
    let w = word.strip_suffix("'s").unwrap_or(word);
    for suf in ["ing", "ies", "ied", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

/// Common English function words, ignored by similarity features.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

// Sorted: looked up by binary search.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "it's", "its", "just", "me", "more", "most", "my", "new", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "out", "over", "own", "s", "said", "same", "says", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// FNV-1a, 64 bits: stable across platforms and runs.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // a separator, so that ("ab","c") and ("a","bc") differ
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        assert_eq!(
            lower_words("Ukraine’s place, don't 'quote'"),
            ["ukraine's", "place", "don't", "quote"]
        );
    }
}
