use std::path::PathBuf;

use lede_entity::{EntityOutput, EntityType};

/// The seed article (`../shared/seed`; the test that reads it is ignored without it).
fn seed_text() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_47459a84323fbb6b.txt");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn entity<'a>(out: &'a EntityOutput, name: &str) -> &'a lede_entity::Entity {
    let hits: Vec<_> = out
        .entities
        .iter()
        .filter(|e| e.canonical == name || e.aliases.iter().any(|a| a == name))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one entity named {name}: {:#?}",
        out.entities
    );
    hits[0]
}

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn seed_entities_and_roles() {
    let text = seed_text();
    let out = crate::analyze_plain(&text);
    let count = |s: &str| text.matches(s).count();
    for (name, ty) in [
        ("Jens Stoltenberg", EntityType::Person),
        ("Volodymyr Zelenskyy", EntityType::Person),
        ("Dmitry Peskov", EntityType::Person),
        ("NATO", EntityType::Org),
        ("Kremlin", EntityType::Org),
        ("Ukraine", EntityType::Loc),
        ("Kyiv", EntityType::Loc),
        ("Russia", EntityType::Loc),
        ("Moscow", EntityType::Loc),
    ] {
        let e = entity(&out, name);
        assert_eq!(e.etype, ty, "{name}");
        // every occurrence of the last word of the name is a mention of this entity
        let last = name.rsplit(' ').next().unwrap_or(name);
        assert_eq!(e.mentions.len(), count(last), "{name}: {:?}", e.mentions);
        assert_eq!(e.canonical, name);
    }
    assert!(entity(&out, "Kremlin").actor);
    let role = |name: &str, role: &str, aff: &str| {
        let e = entity(&out, name);
        assert!(
            e.roles
                .iter()
                .any(|r| r.role == role && r.affiliation.as_deref() == Some(aff)),
            "{name}: {:?}",
            e.roles
        );
    };
    role("Jens Stoltenberg", "chief", "NATO");
    role("Dmitry Peskov", "spokesman", "Kremlin");
    role("Volodymyr Zelenskyy", "president", "Ukraine");
}
