use std::path::PathBuf;

use lede_entity::{EntityOutput, EntityType};

fn seed_text() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_47459a84323fbb6b.txt");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipping: seed article {} is absent", p.display());
            None
        }
    }
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
fn seed_entities_and_roles() {
    let Some(text) = seed_text() else { return };
    let out = crate::analyze_plain(&text);
    for e in &out.entities {
        eprintln!(
            "{} {:?} actor={} mentions={} roles={:?} aliases={:?}",
            e.canonical,
            e.etype,
            e.actor,
            e.mentions.len(),
            e.roles
                .iter()
                .map(|r| (&r.role, &r.affiliation))
                .collect::<Vec<_>>(),
            e.aliases
        );
    }
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
        let last = name.split(' ').last().unwrap_or(name);
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
