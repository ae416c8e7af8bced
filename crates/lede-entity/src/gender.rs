//! The sex a first name usually has, from the 1990 US Census name lists (public domain): for
//! resolving `he` and `she` to people named in full. `data/first_name_gender.tsv`, built by
//! `data/build_first_name_gender.py`, holds only the names the lists make clear.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A person's gender as a pronoun would show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

const TABLE: &str = include_str!("../data/first_name_gender.tsv");

/// The gender the first name `name` usually has (`Maria` -> female), or `None` for a name the
/// lists do not know or share between the sexes.
pub fn first_name_gender(name: &str) -> Option<Gender> {
    static MAP: OnceLock<BTreeMap<&'static str, Gender>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter_map(|l| {
                let (n, g) = l.split_once('\t')?;
                let g = match g {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => return None,
                };
                Some((n, g))
            })
            .collect()
    });
    // the table is capitalised (`Maria`); names in text may be in capitals (`MARIA`)
    let mut key = String::with_capacity(name.len());
    for (i, c) in name.chars().enumerate() {
        if i == 0 {
            key.extend(c.to_uppercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    map.get(key.as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_have_their_gender_and_unknown_ones_none() {
        assert_eq!(first_name_gender("Maria"), Some(Gender::Female));
        assert_eq!(first_name_gender("DONALD"), Some(Gender::Male));
        assert_eq!(first_name_gender("Zxqv"), None);
        assert_eq!(first_name_gender(""), None);
    }
}
