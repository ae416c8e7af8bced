//! The tense of a clause, which decides the direction of bare weekdays, months and dates
//! without a year: a future marker (`will`, `plans to`, `due on`) points forward, a past-tense
//! verb (not a reporting one) points back.

use chrono::{Datelike, NaiveDate};

use super::words::is_in;
use super::Scanner;

impl Scanner<'_, '_> {
    /// Whether the sentence around token `i` speaks of the future (then bare weekdays and
    /// months point forward).
    pub(crate) fn future(&self, i: usize) -> bool {
        self.tense(i) == Some(true)
    }

    /// The tense of the clause around token `i`: `Some(true)` for the future (a future
    /// auxiliary or `plans to`), `Some(false)` for the past (a past-tense verb other than a
    /// reporting one: `said` reports in the past whatever it reports), `None` when nothing
    /// tells. The nearest marker wins, looking left first.
    pub(crate) fn tense(&self, i: usize) -> Option<bool> {
        let lo = i.saturating_sub(20);
        let hi = (i + 8).min(self.toks.len());
        for j in (lo..i).rev() {
            let w = self.text(j);
            if matches!(w, ";" | "." | "?" | "!") {
                break;
            }
            if is_future_marker(w, self.text(j + 1)) {
                return Some(true);
            }
            if is_past_marker(w) {
                return Some(false);
            }
        }
        for j in i..hi {
            let w = self.text(j);
            if matches!(w, ";" | "." | "?" | "!") {
                break;
            }
            if is_future_marker(w, self.text(j + 1)) {
                return Some(true);
            }
            if is_past_marker(w) {
                return Some(false);
            }
        }
        None
    }

    /// The year of month `m` as the clause's tense points: backward in the past, forward in
    /// the future, the nearest occurrence when nothing tells.
    pub(super) fn year_for_month(&self, i: usize, m: u32, d: NaiveDate) -> i32 {
        if let Some(y) = self.narrative_year.get() {
            return y;
        }
        let (y, cur) = (d.year(), d.month() as i32);
        let m = m as i32;
        match self.tense(i) {
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
            None => {
                if m - cur > 6 {
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

pub(super) fn is_future_marker(w: &str, next: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    match lw.as_str() {
        "will" | "'ll" | "’ll" | "shall" | "wo" | "tomorrow" => true,
        "going" | "plans" | "plan" | "planned" | "scheduled" | "expected" | "set" => {
            next.eq_ignore_ascii_case("to")
        }
        // `due on Jan. 25`, `due in March` (but `due to` gives a cause)
        "due" => matches!(next, "on" | "in" | "by" | "for"),
        _ => false,
    }
}

pub(super) fn is_past_marker(w: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    if is_in(NOT_PAST, &lw) {
        return false;
    }
    is_in(PAST_FORMS, &lw)
        || (lw.len() > 4 && lw.ends_with("ed") && w.chars().next().is_some_and(char::is_lowercase))
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
