//! `lede-snapshot.toml`: redactions, so that fields which legitimately wobble (scores,
//! confidences, timings) do not fail a review.
//!
//! ```toml
//! # Apply the built-in rules (below) after yours. Default: true.
//! defaults = true
//!
//! [[redact]]
//! path = "**.score"        # where: keys separated by `.`; `*` = one key or index, `**` = any depth
//! round = 2                # keep 2 decimals of every number there
//!
//! [[redact]]
//! analyzer = "stance"      # optional: only in this analyser's output
//! path = "stances.*.evidence"
//! ignore = true            # replace the value by "[redacted]"
//! ```
//!
//! The first rule whose `analyzer` and `path` match a value decides; a matched container is
//! redacted as a whole (`round` rounds every number inside it).

use std::path::Path;

use serde::Deserialize;
use serde_json::{Number, Value};

use crate::{file_error, Error, Result};

/// What an ignored value becomes (insta's word for it).
pub const REDACTED: &str = "[redacted]";

/// The built-in rules, applied after the user's unless `defaults = false`.
pub const DEFAULT_RULES: &[(&str, Action)] = &[
    ("**.score", Action::Round(2)),
    ("**.scores", Action::Round(2)),
    ("**.confidence", Action::Round(2)),
    ("**.probability", Action::Round(2)),
    ("**.elapsed_ms", Action::Ignore),
    ("**.duration_ms", Action::Ignore),
    ("**.timing", Action::Ignore),
    ("**.timings", Action::Ignore),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Keep this many decimals of every number.
    Round(u32),
    /// Replace by [`REDACTED`].
    Ignore,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub analyzer: Option<String>,
    pub path: Vec<String>,
    pub action: Action,
}

/// The redaction rules of one run.
#[derive(Debug, Clone)]
pub struct Config {
    pub rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "yes")]
    defaults: bool,
    #[serde(default)]
    redact: Vec<RawRule>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    path: String,
    analyzer: Option<String>,
    round: Option<u32>,
    #[serde(default)]
    ignore: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            rules: default_rules(),
        }
    }
}

fn default_rules() -> Vec<Rule> {
    DEFAULT_RULES
        .iter()
        .map(|(p, a)| Rule {
            analyzer: None,
            path: split_path(p),
            action: *a,
        })
        .collect()
}

fn split_path(p: &str) -> Vec<String> {
    p.split('.').map(str::to_owned).collect()
}

impl Config {
    /// Reads `path`; errors name the file and the problem.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(file_error(|| format!("cannot read {}", path.display())))?;
        Self::parse(&text).map_err(|e| Error::ConfigFile {
            context: format!("invalid {}", path.display()),
            source: Box::new(e),
        })
    }

    pub fn parse(text: &str) -> Result<Self> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| Error::Config(e.to_string()))?;
        let mut rules = Vec::new();
        for (i, r) in raw.redact.into_iter().enumerate() {
            let n = i + 1;
            let action = match (r.round, r.ignore) {
                (Some(d), false) => {
                    if d > 12 {
                        return Err(Error::Config(format!(
                            "[[redact]] #{n} ({}): round = {d} is more than 12 decimals",
                            r.path
                        )));
                    }
                    Action::Round(d)
                }
                (None, true) => Action::Ignore,
                (Some(_), true) => {
                    return Err(Error::Config(format!(
                        "[[redact]] #{n} ({}): give either `round` or `ignore`, not both",
                        r.path
                    )))
                }
                (None, false) => {
                    return Err(Error::Config(format!(
                        "[[redact]] #{n} ({}): give `round = DECIMALS` or `ignore = true`",
                        r.path
                    )))
                }
            };
            let path = split_path(&r.path);
            if path.iter().any(String::is_empty) {
                return Err(Error::Config(format!(
                    "[[redact]] #{n}: path {:?} has an empty segment",
                    r.path
                )));
            }
            rules.push(Rule {
                analyzer: r.analyzer,
                path,
                action,
            });
        }
        if raw.defaults {
            rules.extend(default_rules());
        }
        Ok(Self { rules })
    }

    /// Applies the rules to one analyser's output.
    pub fn redact(&self, analyzer: &str, value: &mut Value) {
        let rules: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.analyzer.as_deref().is_none_or(|a| a == analyzer))
            .collect();
        if !rules.is_empty() {
            walk(&rules, &mut Vec::new(), value);
        }
    }
}

fn walk(rules: &[&Rule], path: &mut Vec<String>, value: &mut Value) {
    if !path.is_empty() {
        if let Some(rule) = rules.iter().find(|r| matches(&r.path, path)) {
            match rule.action {
                Action::Ignore => *value = Value::String(REDACTED.to_owned()),
                Action::Round(d) => round_all(value, d),
            }
            return;
        }
    }
    match value {
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                path.push(k.clone());
                walk(rules, path, v);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                path.push(i.to_string());
                walk(rules, path, v);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Glob match of a rule path against a value path: `*` is one segment, `**` any number.
fn matches(pattern: &[String], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((p, rest)) if p == "**" => (0..=path.len()).any(|skip| matches(rest, &path[skip..])),
        Some((p, rest)) => match path.split_first() {
            Some((seg, tail)) => (p == "*" || p == seg) && matches(rest, tail),
            None => false,
        },
    }
}

fn round_all(value: &mut Value, decimals: u32) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                let scale = 10f64.powi(decimals as i32);
                let r = (x * scale).round() / scale;
                // -0.0 and 0.0 must print alike
                let r = if r == 0.0 { 0.0 } else { r };
                if let Some(num) = Number::from_f64(r) {
                    *n = num;
                }
            }
        }
        Value::Object(m) => m.values_mut().for_each(|v| round_all(v, decimals)),
        Value::Array(a) => a.iter_mut().for_each(|v| round_all(v, decimals)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_round_scores_and_drop_timings() {
        let c = Config::default();
        let mut v = json!({
            "score": 0.123_456,
            "items": [{"confidence": 0.987_6, "label": "x", "score": 3}],
            "timings": {"parse": 12},
            "nested": {"scores": {"a": 0.333_33, "b": -0.001}},
        });
        c.redact("any", &mut v);
        assert_eq!(
            v,
            json!({
                "score": 0.12,
                "items": [{"confidence": 0.99, "label": "x", "score": 3}],
                "timings": "[redacted]",
                "nested": {"scores": {"a": 0.33, "b": 0.0}},
            })
        );
    }

    #[test]
    fn user_rules_come_first_and_can_target_one_analyser() {
        let c = Config::parse(
            r#"
            defaults = false
            [[redact]]
            analyzer = "text"
            path = "paragraphs.*.sentences.*.text"
            ignore = true
            [[redact]]
            path = "**.score"
            round = 1
            "#,
        )
        .unwrap();
        let mut v = json!({"paragraphs": [{"sentences": [{"start": 0, "text": "Hi."}]}], "score": 0.26, "timings": 5});
        c.redact("text", &mut v);
        assert_eq!(
            v,
            json!({"paragraphs": [{"sentences": [{"start": 0, "text": "[redacted]"}]}], "score": 0.3, "timings": 5})
        );
        let mut other = json!({"paragraphs": [{"sentences": [{"text": "Hi."}]}]});
        c.redact("quote", &mut other);
        assert_eq!(other["paragraphs"][0]["sentences"][0]["text"], "Hi.");
    }

    #[test]
    fn glob_matching() {
        let p = |s: &str| split_path(s);
        assert!(matches(&p("**.score"), &p("score")));
        assert!(matches(&p("**.score"), &p("a.0.score")));
        assert!(!matches(&p("**.score"), &p("a.scores")));
        assert!(matches(&p("a.*.b"), &p("a.3.b")));
        assert!(!matches(&p("a.*.b"), &p("a.b")));
        assert!(matches(&p("a.**"), &p("a.x.y")));
    }

    #[test]
    fn bad_config_is_a_clear_error() {
        for (text, needle) in [
            ("[[redact]]\npath = \"x\"\n", "give `round"),
            (
                "[[redact]]\npath = \"x\"\nround = 2\nignore = true\n",
                "not both",
            ),
            (
                "[[redact]]\npath = \"a..b\"\nignore = true\n",
                "empty segment",
            ),
            ("colour = 1\n", "unknown field"),
        ] {
            let err = format!("{:#}", Config::parse(text).unwrap_err());
            assert!(err.contains(needle), "{err}");
        }
    }
}
