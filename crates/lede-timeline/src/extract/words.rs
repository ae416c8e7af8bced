//! Context words: what stands before a month name, a number or a season that makes it a
//! date rather than a verb, a noun or a count. The lists are sorted tables (checked by a
//! test), looked up by binary search.

/// Whether `w` is in the sorted table.
pub(super) fn is_in(table: &[&str], w: &str) -> bool {
    table.binary_search(&w).is_ok()
}

/// Prepositions and modifiers that can stand before either a month name or a year
/// (`in May`, `since 2008`, `between ... and ...`, `early 1990`).
pub(super) const DATE_CONTEXT: &[&str] = &[
    "after",
    "and",
    "before",
    "between",
    "by",
    "during",
    "early",
    "from",
    "in",
    "late",
    "mid",
    "of",
    "or",
    "since",
    "through",
    "throughout",
    "till",
    "to",
    "until",
];

/// Further words before a capitalised month name that make it a month (and not `May` the
/// verb or `March` the noun).
pub(super) const MONTH_CONTEXT: &[&str] =
    &["each", "end", "every", "for", "last", "next", "on", "this"];

/// Further words before a number that make it a year rather than a count.
pub(super) const YEAR_CONTEXT: &[&str] = &[
    "(", ",", "-", "around", "autumn", "c.", "circa", "fall", "fiscal", "spring", "summer",
    "winter", "year", "–",
];

/// Words after a four-digit number that make it a count or a measure, not a year
/// (`2000 troops`, `1995 points`).
pub(super) const COUNT_NOUNS: &[&str] = &[
    "acres",
    "billion",
    "cars",
    "children",
    "days",
    "dollars",
    "feet",
    "hours",
    "jobs",
    "kilometers",
    "km",
    "members",
    "men",
    "meters",
    "metres",
    "miles",
    "million",
    "people",
    "per",
    "percent",
    "points",
    "pounds",
    "residents",
    "shares",
    "soldiers",
    "times",
    "tonnes",
    "tons",
    "troops",
    "units",
    "votes",
    "women",
    "workers",
    "yards",
    "years",
];

/// Words before `a year`, `a week` that make it a rate (`$90 million a year`, `twice a week`):
/// TimeBank leaves rates unmarked.
pub(super) const AMOUNT_WORDS: &[&str] = &[
    "%", "billion", "bn", "cents", "dollars", "euros", "m", "million", "once", "percent", "pounds",
    "times", "trillion", "twice",
];

/// Words that may follow an adverb of frequency (`paid quarterly to shareholders`): after
/// `quarterly`, any other word may be the noun it qualifies (`quarterly report`).
pub(super) const ADVERB_FOLLOWERS: &[&str] = &[
    "after",
    "again",
    "also",
    "and",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "beginning",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "for",
    "from",
    "had",
    "has",
    "have",
    "if",
    "in",
    "instead",
    "is",
    "may",
    "might",
    "must",
    "nor",
    "now",
    "on",
    "or",
    "over",
    "rather",
    "shall",
    "should",
    "since",
    "so",
    "starting",
    "than",
    "then",
    "thereafter",
    "through",
    "till",
    "to",
    "too",
    "under",
    "until",
    "was",
    "were",
    "when",
    "while",
    "will",
    "with",
    "without",
    "would",
];

/// Words before a capitalised month name that make it a month.
pub(super) fn month_context(prev: &str) -> bool {
    let l = prev.to_ascii_lowercase();
    is_in(DATE_CONTEXT, &l) || is_in(MONTH_CONTEXT, &l)
}

/// Words before a number that make it a year rather than a count.
pub(super) fn year_context(prev: &str) -> bool {
    let l = prev.to_ascii_lowercase();
    is_in(DATE_CONTEXT, &l) || is_in(YEAR_CONTEXT, &l)
}

#[cfg(test)]
mod tests {
    use super::{
        ADVERB_FOLLOWERS, AMOUNT_WORDS, COUNT_NOUNS, DATE_CONTEXT, MONTH_CONTEXT, YEAR_CONTEXT,
    };
    use crate::extract::tense::{AUXILIARIES, NOT_PAST, PAST_FORMS, REPORTING};

    /// Binary search needs sorted tables without duplicates.
    #[test]
    fn tables_are_sorted() {
        for t in [
            ADVERB_FOLLOWERS,
            DATE_CONTEXT,
            MONTH_CONTEXT,
            YEAR_CONTEXT,
            COUNT_NOUNS,
            AMOUNT_WORDS,
            PAST_FORMS,
            NOT_PAST,
            REPORTING,
            AUXILIARIES,
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
        }
    }
}
