use lede_entity::EntityType;

use crate::analyze_plain;

fn names_of(out: &lede_entity::EntityOutput, canonical: &str) -> Vec<String> {
    out.entities
        .iter()
        .filter(|e| e.canonical == canonical)
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(|&m| out.mentions[m].span.text.clone())
        })
        .collect()
}

#[test]
fn acronym_links_to_its_long_form() {
    let text = "Alliance meets\n\nThe North Atlantic Treaty Organization met in Brussels on Tuesday. Officials said NATO would send more troops.\n";
    let out = analyze_plain(text);
    let names = names_of(&out, "North Atlantic Treaty Organization");
    assert!(names.iter().any(|n| n == "NATO"), "{:#?}", out.entities);
}

#[test]
fn surname_links_to_full_name_and_demonym_stays_apart() {
    let text = "Talks in Kyiv\n\nUkrainian President Volodymyr Zelenskyy met the visitors in Kyiv. Zelenskyy said Ukraine needed more help.\n";
    let out = analyze_plain(text);
    let z = out
        .entities
        .iter()
        .find(|e| e.canonical == "Volodymyr Zelenskyy")
        .expect("Zelenskyy found");
    assert_eq!(z.etype, EntityType::Person);
    assert_eq!(z.mentions.len(), 2, "{:#?}", out.entities);
    assert!(
        z.roles
            .iter()
            .any(|r| r.role == "president" && r.affiliation.as_deref() == Some("Ukraine")),
        "{:?}",
        z.roles
    );
    // the demonym is not a mention of the country
    let ukraine = out
        .entities
        .iter()
        .find(|e| e.canonical == "Ukraine")
        .expect("Ukraine found");
    assert!(ukraine
        .mentions
        .iter()
        .all(|&m| out.mentions[m].span.text == "Ukraine"));
}

#[test]
fn apposition_gives_a_role() {
    let text = "Moscow responds\n\n\"We will respond,\" said Maria Orlova, the Kremlin spokeswoman, on Monday.\n";
    let out = analyze_plain(text);
    let p = out
        .entities
        .iter()
        .find(|e| e.canonical == "Maria Orlova")
        .expect("person found");
    let r = p.roles.first().expect("a role");
    assert_eq!(r.role, "spokeswoman");
    assert_eq!(r.affiliation.as_deref(), Some("Kremlin"));
    assert!(r.evidence.text.contains("Kremlin spokeswoman"));
    let kremlin = out
        .entities
        .iter()
        .find(|e| e.canonical == "Kremlin")
        .expect("Kremlin");
    assert!(kremlin.actor);
    assert_eq!(kremlin.etype, EntityType::Org);
}

#[test]
fn legal_form_makes_a_company_and_its_first_word_links_to_it() {
    let text = "Freight deal\n\nNEW YORK - Marlow Haulage Inc. agreed on Monday to buy a smaller rival. Marlow will pay $20 a share, the company said.\n";
    let out = analyze_plain(text);
    let company = out
        .entities
        .iter()
        .find(|e| e.canonical == "Marlow Haulage Inc.")
        .unwrap_or_else(|| panic!("no company: {:#?}", out.entities));
    assert_eq!(company.etype, EntityType::Org);
    let names = names_of(&out, "Marlow Haulage Inc.");
    assert!(names.iter().any(|n| n == "Marlow"), "{:#?}", out.entities);
}

#[test]
fn an_editors_brackets_are_not_part_of_a_canonical_name() {
    // `[Barack] Obama`: the brackets mark words the editor added to a quotation
    let text = "Budget row\n\nThe governor said [Barack] Obama had failed the state.\n";
    let out = analyze_plain(text);
    assert!(
        out.entities.iter().any(|e| e.canonical == "Barack Obama"),
        "{:#?}",
        out.entities
    );
    assert!(
        out.entities
            .iter()
            .all(|e| !e.canonical.contains(['[', ']'])),
        "{:#?}",
        out.entities
    );
}
