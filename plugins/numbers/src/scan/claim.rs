//! From a number to a claim: ratios, the claim at a token, and what is dropped (years, a
//! lone `one`, bare word numbers).

use super::decimal::Dec;
use super::parser::{Number, Parser, Unit};
use super::tokens::TokKind;
use super::words::{lookup, DIMENSIONS, FRACTIONS, SCORE_WORDS, UNITS_WORDS};
use super::{Found, Kind, Qualifier};

/// Fractions and ratios: `one in five`, `nine out of 10`, `two-thirds of`, `half of`.
fn ratio_at(p: &Parser, i: usize) -> Option<(Found, usize)> {
    let tok = &p.toks[i];
    // `half of`, `a third of`, `two-thirds of`, `three quarters of`
    let (frac_start, mut num, mut k) = if matches!(p.lower(i), "a" | "one") {
        (i, 1.0, i + 1)
    } else if let Some(n) = lookup(UNITS_WORDS, p.lower(i)).filter(|n| (2..10).contains(n)) {
        (i, n as f64, i + 1)
    } else {
        (i, 1.0, i)
    };
    if p.is_hyphen(k) && p.glued(k) && k > i {
        k += 1;
    }
    if let Some(f) = lookup(FRACTIONS, p.lower(k)) {
        let half = p.lower(k) == "half";
        let plural = p.lower(k).ends_with('s');
        let lone_ok = half || k > frac_start;
        // `the second half of 2027` is a period, not a share
        let ordinal_before = frac_start >= 1
            && matches!(
                p.lower(frac_start - 1),
                "first" | "second" | "last" | "latter" | "former" | "next" | "final" | "third"
            );
        // `by a quarter point`: a fraction of a percentage point
        let points = match (p.lower(k + 1), p.lower(k + 2)) {
            ("point" | "points", _) => Some(k + 2),
            ("percentage", "point" | "points") => Some(k + 3),
            // `a tenth of a point`
            ("of", "a") if matches!(p.lower(k + 3), "point" | "points") => Some(k + 4),
            ("of", "a") if p.is(k + 3, "percentage") && p.is(k + 4, "point") => Some(k + 5),
            _ => None,
        };
        let agrees = plural == (num > 1.0) || half;
        if let Some(after) = points.filter(|_| lone_ok && agrees && !ordinal_before) {
            return Some((
                Found {
                    unit: Some("percentage point".to_owned()),
                    ..Found::new(
                        Kind::PercentagePoints,
                        tok.start,
                        p.toks[after - 1].end,
                        if half { 0.5 } else { num * f },
                    )
                },
                after,
            ));
        }
        if lone_ok && p.is(k + 1, "of") && agrees && !ordinal_before {
            if half {
                num = 1.0;
            }
            return Some((
                Found::new(Kind::Ratio, tok.start, p.toks[k].end, num * f),
                k + 1,
            ));
        }
    }
    // `one in five`, `1 in 4`, `one in every five`, `nine out of 10`
    let a = p.number(i, false).filter(|n| !n.scaled && !n.vague)?;
    let mut k = a.end;
    if p.is(k, "in") {
        k += 1;
    } else if p.is(k, "out") && p.is(k + 1, "of") {
        k += 2;
    } else {
        return None;
    }
    if p.is(k, "every") {
        k += 1;
    }
    let b = p
        .number(k, false)
        .filter(|n| !n.scaled && !n.vague && n.digits != 4)?;
    let (av, bv) = (a.value.to_f64(), b.value.to_f64());
    if !(bv > 0.0 && av <= bv) || b.lone_one {
        return None;
    }
    Some((
        Found::new(Kind::Ratio, tok.start, p.toks[b.end - 1].end, av / bv),
        b.end,
    ))
}

/// The claim starting at token `i` (after any qualifier): `Some((None, next))` skips tokens
/// that are numbers but not claims.
#[allow(clippy::too_many_lines)]
pub(super) fn claim_at(p: &Parser, i: usize) -> Option<(Option<Found>, usize)> {
    if let Some((f, next)) = ratio_at(p, i) {
        return Some((Some(f), next));
    }
    let (mut currency, num_at) = match p.currency_before(i) {
        Some((c, at)) => (Some(c), at),
        None => (None, i),
    };
    let n = p.number(num_at, currency.is_some())?;
    if p.not_a_quantity(num_at, &n) {
        return Some((None, n.end));
    }
    // phone numbers: 1-800-555-0142, (212) 555-0187
    if !n.words {
        let chain =
            (p.is_hyphen(n.end) && p.glued(n.end) && p.kind(n.end + 1) == Some(TokKind::Num))
                .then(|| p.number(n.end + 1, false))
                .flatten();
        if let Some(second) = chain {
            let third = p.is_hyphen(second.end) && p.kind(second.end + 1) == Some(TokKind::Num);
            if third || (n.digits == 3 && second.digits == 4) {
                let mut k = second.end;
                while p.is_hyphen(k) && p.kind(k + 1) == Some(TokKind::Num) {
                    k += 2;
                }
                return Some((None, k));
            }
        }
        if num_at >= 1
            && p.is(num_at - 1, "(")
            && p.is(n.end, ")")
            && n.digits == 3
            && p.kind(n.end + 1) == Some(TokKind::Num)
        {
            return Some((None, n.end + 1));
        }
    }
    let mut start_tok = i;
    let mut qualifier = None;
    let mut between = false;
    if let Some((q, at)) = p.qualifier_before(i) {
        qualifier = Some(q);
        start_tok = at;
    } else if i >= 1 && p.is(i - 1, "between") {
        between = true;
        start_tok = i - 1;
    }
    let mut value = n.value;
    let mut high: Option<Dec> = None;
    let mut against: Option<f64> = None;
    let mut end = n.end;
    let mut score = false;
    // a range or a tally
    if let Some((m, _)) = p.range_end(end, between, currency.is_some()) {
        let hyphen = p.is_hyphen(end);
        let ints = n.plain_int.is_some() && m.plain_int.is_some() && !n.scaled && !m.scaled;
        let near_score_word =
            (start_tok.saturating_sub(2)..m.end + 2).any(|k| SCORE_WORDS.contains(&p.lower(k)));
        if hyphen && ints && currency.is_none() && near_score_word && p.unit_at(m.end).is_none() {
            score = true;
            against = Some(m.value.to_f64());
            end = m.end;
        } else if m.digits == 4 && n.digits == 4 && !n.scaled {
            // 2019-2020: years
            return Some((None, m.end));
        } else {
            let mut low = value;
            // `10-12 million`: the scale of the end applies to the start
            if m.scaled && !n.scaled {
                let shift = m.value.exp
                    - Dec::parse(&p.text[p.toks[m.end - 2].start..p.toks[m.end - 2].end])
                        .map_or(m.value.exp, |d| d.exp);
                low = low.scaled(shift);
            }
            value = low;
            high = Some(m.value);
            end = m.end;
        }
    }
    let mut unit = None;
    let mut per = None;
    let mut dimension = None;
    let mut of = None;
    let mut kind;
    let mut age = false;
    if score {
        kind = Kind::Score;
    } else {
        // `16-foot`, `five-year`, `24-year-old`
        let hyphen_unit = p.is_hyphen(end) && p.glued(end) && p.glued(end + 1);
        let u_at = if hyphen_unit { end + 1 } else { end };
        let unit_found = p
            .unit_at(u_at)
            .filter(|(u, _)| !hyphen_unit || matches!(u, Unit::Measure(_)));
        if let Some((u, after)) = unit_found {
            end = after;
            if hyphen_unit
                && matches!(u, Unit::Measure("year"))
                && p.is_hyphen(end)
                && p.is(end + 1, "old")
            {
                age = true;
                end += 2;
            } else if !hyphen_unit && matches!(u, Unit::Measure("year")) && p.is(end, "old") {
                age = true;
                end += 1;
            }
            unit = Some(u);
        } else if hyphen_unit {
            // `a 20-strong team`: not a unit we know; leave the number alone
        }
        if age {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        } else {
            kind = match unit {
                Some(Unit::Percent) => Kind::Percent,
                Some(Unit::Points(_)) => Kind::PercentagePoints,
                Some(Unit::Money(c)) => {
                    currency = Some(c);
                    Kind::Money
                }
                Some(_) => Kind::Quantity,
                None if currency.is_some() => Kind::Money,
                None => Kind::Number,
            };
        }
        if kind == Kind::Quantity {
            if let Some(Unit::Measure(_)) = unit {
                if DIMENSIONS.contains(&p.lower(end)) {
                    dimension = Some(p.lower(end).to_owned());
                    end += 1;
                }
            }
        }
        if kind == Kind::Number && !hyphen_unit {
            // `thousands of people`, `40 ships`
            let k = if n.vague { end + 1 } else { end };
            if let Some((noun, after)) = p.counted_noun(k) {
                kind = Kind::Count;
                end = after;
                return finish(
                    p,
                    Draft {
                        kind,
                        start_tok,
                        end,
                        value,
                        high,
                        against,
                        unit_name: Some(noun),
                        per: p.per_at(after).map(|x| x.0),
                        dimension,
                        of,
                        qualifier,
                        vague: n.vague,
                        n,
                    },
                );
            }
        }
        if matches!(kind, Kind::Money | Kind::Quantity | Kind::Count) {
            if let Some((w, after)) = p.per_at(end) {
                per = Some(w);
                end = after;
            }
        }
        if kind == Kind::Percent && p.is(end, "of") {
            let k = if matches!(
                p.lower(end + 1),
                "the" | "its" | "their" | "all" | "his" | "her"
            ) {
                end + 2
            } else {
                end + 1
            };
            of = p.counted_noun(k).map(|x| x.0);
        }
        // `aged 51`
        if kind == Kind::Number && num_at >= 1 && p.is(num_at - 1, "aged") {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        }
        // `Per Holmen, 64,`: an age in apposition
        if kind == Kind::Number
            && n.plain_int.is_some_and(|v| (1..120).contains(&v))
            && num_at >= 2
            && p.is(num_at - 1, ",")
            && p.is(n.end, ",")
            && p.toks[num_at - 2].kind == TokKind::Word
            && p.text[p.toks[num_at - 2].start..].starts_with(char::is_uppercase)
        {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        }
    }
    let unit_name = match (kind, unit, currency) {
        (Kind::Money, _, Some(c)) => Some(c.to_owned()),
        (_, Some(Unit::Percent), _) => Some("%".to_owned()),
        (_, Some(Unit::Points(u) | Unit::Measure(u)), _) => Some(u.to_owned()),
        (_, Some(Unit::Area(u)), _) => Some(format!("square {u}")),
        (_, Some(Unit::Volume(u)), _) => Some(format!("cubic {u}")),
        (_, Some(Unit::Speed(u)), _) => Some(format!("{u} per hour")),
        _ => None,
    };
    // `160 kilometres an hour`
    let (unit_name, per) = match (unit_name, per) {
        (Some(u), Some(h))
            if h == "hour" && matches!(u.as_str(), "kilometre" | "mile" | "metre") =>
        {
            (Some(format!("{u} per hour")), None)
        }
        other => other,
    };
    finish(
        p,
        Draft {
            kind,
            start_tok,
            end,
            value,
            high,
            against,
            unit_name,
            per,
            dimension,
            of,
            qualifier,
            vague: n.vague,
            n,
        },
    )
}

struct Draft {
    kind: Kind,
    start_tok: usize,
    end: usize,
    value: Dec,
    high: Option<Dec>,
    against: Option<f64>,
    unit_name: Option<String>,
    per: Option<String>,
    dimension: Option<String>,
    of: Option<String>,
    qualifier: Option<Qualifier>,
    vague: bool,
    n: Number,
}

/// Drops what is not a claim (years, a lone `one`, bare word numbers) and builds the finding.
fn finish(p: &Parser, d: Draft) -> Option<(Option<Found>, usize)> {
    let end = d.end.max(d.start_tok + 1);
    let skip = Some((None, end));
    let n = d.n;
    if d.kind == Kind::Number {
        // a bare year (`in 2019`), a bare word number (`the two`), `one`
        let year =
            n.digits == 4 && !n.scaled && n.plain_int.is_some_and(|v| (1000..=2100).contains(&v));
        if year || n.words || n.glued_m || d.high.is_some_and(|_| n.digits == 4) {
            return skip;
        }
    }
    if n.lone_one && !matches!(d.kind, Kind::Percent | Kind::Money) {
        return skip;
    }
    if d.kind == Kind::Count
        && n.digits == 4
        && !n.scaled
        && n.plain_int.is_some_and(|v| (1000..=2100).contains(&v))
    {
        // `in 2008 Ukraine`: a year before a word, not 2008 Ukraines
        return skip;
    }
    let first = p.toks.get(d.start_tok)?;
    let last = p.toks.get(end - 1)?;
    Some((
        Some(Found {
            kind: d.kind,
            start: first.start,
            end: last.end,
            value: d.value.to_f64(),
            high: d.high.map(Dec::to_f64),
            against: d.against,
            unit: d.unit_name,
            per: d.per,
            dimension: d.dimension,
            of: d.of,
            qualifier: d.qualifier,
            vague: d.vague,
        }),
        end,
    ))
}
