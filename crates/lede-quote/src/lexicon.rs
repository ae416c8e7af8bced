//! Word lists: speech verbs (cues), words that sit between a source and its cue, and words that
//! end a source phrase. Lookups lowercase ASCII into a stack buffer: no allocation per token.

/// How a cue word behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueStrength {
    /// Verbs of saying: `said`, `told`, `declared`. Attribute in any position.
    Speech,
    /// Verbs that report a stance or belief (`believes`, `argued`, `called for`): only with a
    /// clear complement (`that`, a quotation) or postposed after a comma.
    Weak,
}

/// The grammatical form of a cue verb; gerunds (`saying`, `adding`) borrow the subject of the
/// clause they hang on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueForm {
    Finite,
    Gerund,
}

/// Speech verbs whose object is the addressee (`told reporters that`), not the content.
pub(crate) fn takes_addressee(lower: &str) -> bool {
    matches!(
        lower,
        "told"
            | "tell"
            | "tells"
            | "telling"
            | "urged"
            | "urge"
            | "urges"
            | "urging"
            | "warned"
            | "warn"
            | "warns"
            | "warning"
            | "assured"
            | "assures"
            | "reminded"
            | "reminds"
            | "informed"
            | "informs"
            | "asked"
            | "asks"
            | "asking"
            | "promised"
            | "promises"
    )
}

/// Lowercases `word` into `buf` when it is short ASCII; longer words are never cues.
pub(crate) fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// The cue class of a lowercased word.
pub(crate) fn cue(lower: &str) -> Option<(CueStrength, CueForm)> {
    use CueForm::{Finite, Gerund};
    use CueStrength::{Speech, Weak};
    let r = match lower {
        "said" | "says" | "say" | "told" | "tells" | "added" | "adds" | "wrote" | "writes"
        | "declared" | "declares" | "warned" | "warns" | "urged" | "urges" | "insisted"
        | "insists" | "denied" | "denies" | "repeated" | "repeats" | "stated" | "claimed"
        | "claims" | "argued" | "argues" | "explained" | "explains" | "noted" | "notes"
        | "announced" | "announces" | "reported" | "reports" | "asked" | "asks" | "replied"
        | "replies" | "responded" | "responds" | "answered" | "acknowledged" | "acknowledges"
        | "admitted" | "admits" | "confirmed" | "confirms" | "stressed" | "stresses"
        | "emphasised" | "emphasized" | "emphasises" | "emphasizes" | "tweeted" | "tweets"
        | "predicted" | "predicts" | "promised" | "promises" | "pledged" | "pledges" | "vowed"
        | "vows" | "commented" | "concluded" | "contended" | "contends" | "maintained"
        | "maintains" | "asserted" | "asserts" | "recalled" | "recalls" | "revealed"
        | "observed" | "complained" | "complains" | "conceded" | "concedes" | "boasted"
        | "joked" | "quipped" | "testified" | "alleged" | "alleges" | "remarked" | "indicated"
        | "estimated" | "threatened" | "demanded" | "cautioned" | "suggested" | "suggests"
        | "announce" | "declare" | "insist" | "deny" | "argue" | "warn" | "urge" | "tell"
        | "write" | "add" | "explain" | "continued" | "agreed" | "agrees" | "assured"
        | "reminded" | "informed" | "countered" | "retorted" | "acknowledge" | "predict"
        | "posted" => (Speech, Finite),
        "saying" | "adding" | "telling" | "writing" | "declaring" | "warning" | "urging"
        | "insisting" | "denying" | "repeating" | "stating" | "claiming" | "arguing"
        | "explaining" | "noting" | "announcing" | "asking" | "replying" | "responding"
        | "acknowledging" | "admitting" | "confirming" | "stressing" | "emphasising"
        | "emphasizing" | "tweeting" | "predicting" | "promising" | "pledging" | "vowing"
        | "suggesting" | "recalling" | "complaining" | "conceding" | "boasting" | "calling"
        | "describing" => (Speech, Gerund),
        "believes" | "believed" | "believe" | "thinks" | "thought" | "think" | "feels" | "felt"
        | "hopes" | "hoped" | "fears" | "feared" | "expects" | "expected" | "knows" | "knew"
        | "worries" | "worried" | "called" | "calls" | "described" | "describes" | "criticized"
        | "criticised" | "accused" | "blamed" | "praised" | "defended" | "dismissed"
        | "rejected" | "cited" | "cites" | "proposed" | "wants" | "wanted" | "showed" | "shows"
        | "found" | "finds" | "sees" | "saw" | "agree" | "feel" | "worry" => (Weak, Finite),
        _ => return None,
    };
    Some(r)
}

/// Auxiliaries and adverbs that join the cue when they stand right before it
/// (`has said`, `also said`, `had previously told`): `PolNeAR` includes them in the cue.
pub(crate) fn cue_prefix(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "previously"
            | "reportedly"
            | "recently"
            | "again"
            | "repeatedly"
            | "often"
            | "publicly"
            | "privately"
            | "once"
            | "frequently"
            | "already"
            | "then"
            | "defiantly"
            | "flatly"
            | "firmly"
            | "bluntly"
            | "explicitly"
            | "specifically"
            | "further"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "never"
            | "always"
            | "just"
            | "even"
            | "still"
    )
}

/// Words that cannot be part of a source noun phrase: the walk back from a cue stops there.
pub(crate) fn np_stop(lower: &str) -> bool {
    matches!(
        lower,
        "that"
            | "and"
            | "or"
            | "but"
            | "when"
            | "while"
            | "if"
            | "because"
            | "as"
            | "after"
            | "before"
            | "since"
            | "though"
            | "although"
            | "where"
            | "than"
            | "so"
            | "then"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "into"
            | "about"
            | "over"
            | "under"
            | "during"
            | "against"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "not"
            | "also"
            | "however"
            | "still"
            | "yet"
            | "now"
            | "meanwhile"
            | "instead"
            | "indeed"
            | "what"
            | "why"
            | "how"
            | "whether"
            | "once"
            | "until"
            | "unless"
            | "whom"
            | "whose"
            | "there"
            | "here"
            | "this"
            | "these"
            | "those"
            | "said"
            | "says"
            | "told"
            | "just"
            | "even"
            | "only"
            | "later"
            | "earlier"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "it's"
            | "like"
            | "for"
            | "of"
            | "through"
            | "without"
            | "within"
            | "among"
            | "between"
            | "amid"
            | "despite"
            | "toward"
            | "towards"
            | "upon"
            | "via"
            | "per"
    )
}

/// Subject pronouns that are a whole source on their own.
pub(crate) fn subject_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she" | "they" | "it" | "i" | "we" | "you" | "who" | "which" | "one"
    )
}

/// Time words that follow a cue without being a source (`said Tuesday`, `said today`).
pub(crate) fn time_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "earlier"
            | "later"
            | "recently"
            | "again"
            | "last"
            | "this"
            | "next"
            | "previously"
            | "repeatedly"
            | "privately"
            | "publicly"
            | "afterward"
            | "afterwards"
            | "then"
            | "late"
            | "early"
    )
}

/// Words that mark the following quotation as a name or a term, not speech
/// (`what Moscow calls its “special military operation”`, `the so-called “deal”`).
pub(crate) fn term_marker(lower: &str) -> bool {
    matches!(
        lower,
        "call"
            | "calls"
            | "called"
            | "calling"
            | "dubbed"
            | "dub"
            | "dubs"
            | "so-called"
            | "termed"
            | "terms"
            | "labelled"
            | "labeled"
            | "nicknamed"
            | "titled"
            | "entitled"
            | "branded"
            | "known"
            | "named"
            | "word"
            | "phrase"
            | "term"
            | "slogan"
            | "motto"
            | "headline"
            | "book"
            | "film"
            | "song"
            | "show"
            | "program"
            | "programme"
            | "operation"
            | "campaign"
            | "hashtag"
    )
}

/// Third-person pronouns and what they can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PronounKind {
    Person,
    Org,
    Relative,
    Plural,
}

pub(crate) fn pronoun_kind(lower: &str) -> Option<PronounKind> {
    match lower {
        "he" | "she" | "him" | "her" => Some(PronounKind::Person),
        "it" => Some(PronounKind::Org),
        "who" | "which" => Some(PronounKind::Relative),
        "they" => Some(PronounKind::Plural),
        _ => None,
    }
}

/// The learned cue phrase starting with the words `words` (lowercase, up to three): the
/// longest one that is a cue most of the time, else the one most often a cue. Returns its
/// length in words and its rate (per mille) of being a cue in the training texts.
pub(crate) fn learned(words: &[&str]) -> Option<(usize, u16)> {
    let table = crate::cues_learned::LEARNED;
    let first = *words.first()?;
    let lo = table.partition_point(|(k, _, _)| *k < first);
    let mut best: Option<(usize, u16)> = None;
    for &(k, rate, _) in &table[lo..] {
        if !k.starts_with(first) {
            break;
        }
        let parts: Vec<&str> = k.split(' ').collect();
        if parts.len() <= words.len()
            && parts.iter().zip(words).all(|(a, b)| a == b)
            && best.is_none_or(|(n, r)| {
                // the longer phrase when it is a cue most of the time (`said :`, `called
                // for`), else the more frequent cue (`said` over `said of`)
                if rate >= 500 && r >= 500 {
                    parts.len() > n
                } else {
                    rate > r || rate == r && parts.len() > n
                }
            })
        {
            best = Some((parts.len(), rate));
        }
    }
    best
}
