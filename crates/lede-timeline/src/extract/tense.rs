//! The tense of a clause, which decides the direction of bare weekdays, months and dates
//! without a year: a future marker (`will`, `would`, `plans to`, `is to`, `due on`,
//! `payable`) points forward, a past-tense verb (not a reporting one) or `since` points
//! back. The nearest marker wins, on either side of the expression, within the sentence and
//! outside quotation marks.

use chrono::{Datelike, NaiveDate};

use crate::lexicon::lower;

use super::words::is_in;
use super::Scanner;

/// Words that end the search for a tense marker: the end of a sentence or clause, and
/// quotation marks (a quotation keeps its own tense).
fn stops(w: &str) -> bool {
    matches!(
        w,
        ";" | "." | "?" | "!" | "\"" | "“" | "”" | "``" | "''" | "'" | "‘" | "’" | "«" | "»"
    )
}

/// What a word tells of the tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Past,
    /// The writer's future: `will`, `shall`, `tomorrow`.
    Future,
    /// Ahead of the clause's time, which may itself be past: `would`, `planned`, `is to`.
    Ahead,
}

impl Scanner<'_, '_> {
    /// Whether the sentence around token `i` speaks of the future (then bare weekdays and
    /// months point forward).
    pub(crate) fn future(&self, i: usize) -> bool {
        self.tense(i) == Some(true)
    }

    /// The tense of the clause around token `i`: `Some(true)` for the future, `Some(false)`
    /// for the past, `None` when nothing tells. The nearest marker wins (the left one when
    /// two are as near), up to 20 words to the left and 8 to the right.
    pub(crate) fn tense(&self, i: usize) -> Option<bool> {
        self.mark(i).map(|m| m != Mark::Past)
    }

    /// Whether the nearest tense marker on the left of token `i` looks ahead (`a campaign
    /// planned for 1976`, `will open in 2030`).
    pub(crate) fn ahead_from_left(&self, i: usize) -> bool {
        self.left_mark(i).is_some_and(|(_, m)| m != Mark::Past)
    }

    /// The nearest tense marker on the left of token `i` (up to 20 words, within the clause),
    /// with its distance.
    fn left_mark(&self, i: usize) -> Option<(usize, Mark)> {
        for j in (i.saturating_sub(20)..i).rev() {
            if stops(self.text(j)) {
                break;
            }
            if let Some(t) = self.marker(j, i - j, true) {
                return Some((i - j, t));
            }
        }
        None
    }

    /// The nearest tense marker around token `i`, as [`Scanner::tense`].
    pub(super) fn mark(&self, i: usize) -> Option<Mark> {
        let left = self.left_mark(i);
        let mut right = None;
        for j in i..(i + 8).min(self.toks.len()) {
            if stops(self.text(j)) {
                break;
            }
            if left.is_some_and(|(d, _)| d <= j - i) {
                break;
            }
            if let Some(t) = self.marker(j, j - i, false) {
                right = Some((j - i, t));
                break;
            }
        }
        match (left, right) {
            (Some((dl, l)), Some((dr, r))) => Some(if dr < dl { r } else { l }),
            (l, r) => l.or(r).map(|(_, t)| t),
        }
    }

    /// What token `j` tells of the tense, `distance` words from the expression (`left`: on
    /// its left).
    fn marker(&self, j: usize, distance: usize, left: bool) -> Option<Mark> {
        let w = self.text(j);
        let mut buf = [0u8; 16];
        // (markers are short ASCII words, but for the curly `’ll`)
        let Some(lw) = lower(w, &mut buf) else {
            return (w == "’ll").then_some(Mark::Future);
        };
        if let Some(m) = future_marker(w, lw, self.text(j + 1)) {
            return Some(m);
        }
        // `were planning`, `was expected to`: the verb after the auxiliary tells
        if matches!(lw, "was" | "were" | "had") {
            let next = self.text(j + 1);
            let mut nbuf = [0u8; 16];
            if let Some(ln) = lower(next, &mut nbuf) {
                if let Some(m) = future_marker(next, ln, self.text(j + 2)) {
                    return Some(m);
                }
            }
        }
        // `said Friday`, `announced on Tuesday`, `In September, it announced`: a reporting
        // verb next to the date, or after it, dates the report itself
        if is_in(REPORTING, lw) {
            return (!left || distance <= 2).then_some(Mark::Past);
        }
        if past_form(w, lw) {
            // a participle after an auxiliary (`would be paid`, `has been sold`) is no
            // tense of its own: the auxiliary tells
            let mut pbuf = [0u8; 16];
            let prev = match j.checked_sub(1).map(|k| self.text(k)) {
                Some("’s") => "’s",
                Some(p) => lower(p, &mut pbuf).unwrap_or(""),
                None => "",
            };
            if is_in(AUXILIARIES, prev) && !is_in(AUXILIARIES, lw) {
                return None;
            }
            return Some(Mark::Past);
        }
        None
    }

    /// The year of month `m` as the clause's tense points: backward in the past, forward in
    /// the future, the nearest occurrence when nothing tells.
    pub(super) fn year_for_month(&self, i: usize, m: u32, d: NaiveDate) -> i32 {
        let mark = self.mark(i);
        // a narrative's year, unless the clause speaks of the writer's future
        if let (Some(y), false) = (self.narrative_year.get(), mark == Some(Mark::Future)) {
            return y;
        }
        let tense = mark.map(|m| m != Mark::Past);
        let (y, cur) = (d.year(), d.month() as i32);
        let m = m as i32;
        match tense {
            Some(true) => {
                if m >= cur {
                    y
                } else {
                    y + 1
                }
            }
            // a past-tense clause may still name a date of the next two months (`payable
            // Dec. 15`, `the meeting set for Nov. 6`): only further ahead goes back a year
            Some(false) => {
                if m <= cur + 2 {
                    y
                } else {
                    y - 1
                }
            }
            // nothing tells: the nearest; six months either way, the past one (news
            // reports more than it announces)
            None => {
                if m - cur >= 6 {
                    y - 1
                } else if cur - m > 6 {
                    y + 1
                } else {
                    y
                }
            }
        }
    }
}

/// The future a word marks, with the word after it.
fn future_marker(w: &str, lw: &str, next: &str) -> Option<Mark> {
    Some(match lw {
        "will" | "'ll" | "’ll" | "shall" | "wo" | "tomorrow" => Mark::Future,
        // modals, and what is planned, scheduled or payable (`planned a rally on Saturday`,
        // `payable Jan. 2`, `effective Feb. 1`); what is put off lands after the putting
        // off (`postponed the vote until Tuesday`; not `extended` or `delayed`, which also
        // tell of the past: `figures for January extended a surge`, `the delayed flight`);
        // `May` is a month
        "would" | "might" | "should" | "planned" | "planning" | "scheduled" | "payable"
        | "effective" | "postponed" | "postponing" | "deferred" | "rescheduled" => Mark::Ahead,
        "may" if w == "may" => Mark::Ahead,
        "going" | "plans" | "plan" | "expected" | "set" | "likely" | "is" | "are" | "about"
            if next.eq_ignore_ascii_case("to") =>
        {
            Mark::Ahead
        }
        // `due on Jan. 25`, `due in March` (but `due to` gives a cause)
        "due" if matches!(next, "on" | "in" | "by" | "for") => Mark::Ahead,
        _ => return None,
    })
}

/// Whether `w` (`lw` in lowercase) is a past-tense form that marks a past clause.
fn past_form(w: &str, lw: &str) -> bool {
    if lw.ends_with("ed") {
        // (the exceptions all end in `-ed`)
        return lw.len() > 4
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_in(NOT_PAST, lw)
            || is_in(PAST_FORMS, lw);
    }
    is_in(PAST_FORMS, lw)
}

/// Past-tense forms that mark a past clause: past auxiliaries, irregular verbs (regular ones
/// end in `-ed`) and words of the past (`yesterday`, `ago`).
pub(super) const PAST_FORMS: &[&str] = &[
    "ago",
    "became",
    "began",
    "bought",
    "broke",
    "brought",
    "built",
    "came",
    "chose",
    "did",
    "drew",
    "drove",
    "earlier",
    "fell",
    "felt",
    "flew",
    "fought",
    "found",
    "gave",
    "got",
    "grew",
    "had",
    "held",
    "hit",
    "kept",
    "knew",
    "last",
    "led",
    "left",
    "lost",
    "made",
    "met",
    "paid",
    "ran",
    "rose",
    "saw",
    "sent",
    "shot",
    "since",
    "sold",
    "spent",
    "spoke",
    "stood",
    "struck",
    "thought",
    "threw",
    "took",
    "was",
    "went",
    "were",
    "won",
    "wrote",
    "yesterday",
];

/// `-ed` forms that do not make a clause past: reporting verbs report in the past whatever
/// they report, and verbs of planning look ahead.
pub(super) const NOT_PAST: &[&str] = &[
    "added",
    "announced",
    "estimated",
    "expected",
    "explained",
    "indicated",
    "noted",
    "planned",
    "projected",
    "proposed",
    "reported",
    "scheduled",
    "stated",
];

/// Verbs of reporting: they date the report when they stand next to the date or after it
/// (`said Friday`), and do not tell the tense of what they report otherwise (`said the
/// vote will be on Friday`).
pub(super) const REPORTING: &[&str] = &[
    "added",
    "announced",
    "confirmed",
    "declared",
    "disclosed",
    "explained",
    "indicated",
    "noted",
    "predicted",
    "reported",
    "said",
    "stated",
    "told",
    "wrote",
];

/// Auxiliaries: a past form after one is a participle (`was killed`, `would be paid`).
pub(super) const AUXILIARIES: &[&str] = &[
    "'s", "am", "are", "be", "been", "being", "had", "has", "have", "is", "to", "was", "were",
    "will", "would", "’s",
];
