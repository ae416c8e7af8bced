//! One assertion per hard case of quotation extraction, on the corpus articles.

use lede_quote::{QuoteKind, Resolution};

use crate::{analyse_text, corpus, cue, entities, find, source, speaker};

#[test]
fn split_quote_with_full_stop_is_one_quotation() {
    // “A,” said X. “B.”
    let (_, out) = corpus("01_diplomacy_geneva.txt");
    let q = find(&out, QuoteKind::Direct, "We came here to finish the job");
    assert_eq!(q.parts.len(), 2, "{q:#?}");
    assert!(q.parts[1].text.starts_with("Nobody in my delegation"));
    assert_eq!(cue(q), Some("said"));
    assert_eq!(speaker(q), Some("Elena Marsh"));
}

#[test]
fn split_quote_with_comma_is_one_quotation() {
    // “A,” he told reporters ..., “B.”
    let (_, out) = corpus("01_diplomacy_geneva.txt");
    let q = find(&out, QuoteKind::Direct, "There is progress");
    assert_eq!(q.parts.len(), 2, "{q:#?}");
    assert!(q.parts[1].text.contains("progress is not an agreement"));
    assert_eq!(source(q), Some("he"));
    assert_eq!(q.speaker.as_ref().unwrap().via, Resolution::Pronoun);
}

#[test]
fn nested_single_quotes_stay_inside_the_quotation() {
    let (_, out) = corpus("01_diplomacy_geneva.txt");
    let q = find(&out, QuoteKind::Partial, "reads like a");
    assert!(
        q.text.contains("‘temporary’ arrangement that never ends"),
        "{q:#?}"
    );
}

#[test]
fn quote_over_two_paragraphs_is_one_quotation() {
    // no closing mark at the end of the first paragraph, reopened in the next
    let (doc, out) = corpus("02_port_strike_lagos.txt");
    let q = find(
        &out,
        QuoteKind::Direct,
        "For two years we have been told to wait",
    );
    assert_eq!(q.parts.len(), 2, "{q:#?}");
    assert!(q.parts[1].text.starts_with("So now the waiting is over"));
    let layers = doc.layers();
    let para = |pos: usize| layers.sentences[layers.sentence_at(pos).unwrap()].paragraph;
    assert_eq!(para(q.parts[0].start) + 1, para(q.parts[1].start));
    assert_eq!(speaker(q), Some("Grace Okafor"));
    assert!(out.unpaired.is_empty(), "{:?}", out.unpaired);
}

#[test]
fn appositive_source_resolves_to_the_name() {
    let (_, out) = corpus("02_port_strike_lagos.txt");
    let q = find(
        &out,
        QuoteKind::Indirect,
        "the authority had offered a pay rise",
    );
    assert_eq!(
        source(q),
        Some("Grace Okafor, the union's chief negotiator")
    );
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(
        (s.name.as_str(), s.via),
        ("Grace Okafor", Resolution::Appositive)
    );
}

#[test]
fn pronoun_resolves_to_the_person_speaking_before() {
    let (_, out) = corpus("02_port_strike_lagos.txt");
    let q = find(&out, QuoteKind::Direct, "They want us to carry the cost");
    assert_eq!(source(q), Some("she"));
    assert_eq!(speaker(q), Some("Grace Okafor"));
}

#[test]
fn reported_speech_with_several_cues() {
    let (_, out) = corpus("02_port_strike_lagos.txt");
    // X told reporters that ...
    let told = find(&out, QuoteKind::Indirect, "the management was");
    assert_eq!(cue(told), Some("told"));
    assert!(told.text.starts_with("that "));
    // X said that ... and insisted that ...
    let said = find(&out, QuoteKind::Indirect, "a prolonged stoppage");
    let insisted = find(&out, QuoteKind::Indirect, "no side wins a strike");
    assert_eq!(cue(said), Some("said"));
    assert_eq!(cue(insisted), Some("insisted"));
    assert!(!said.text.contains("insisted"), "{said:#?}");
    assert_eq!(speaker(said), Some("Chidi Nwosu"));
    assert_eq!(speaker(insisted), Some("Chidi Nwosu"));
    // according to X, ...
    let acc = find(&out, QuoteKind::Indirect, "The strike, which began");
    assert_eq!(cue(acc), Some("according to"));
    assert_eq!(source(acc), Some("shipping agents"));
}

#[test]
fn unresolved_speaker_is_null_with_the_mention() {
    let (_, out) = corpus("02_port_strike_lagos.txt");
    let q = find(&out, QuoteKind::Indirect, "shortages of spare parts");
    assert_eq!(source(q), Some("Importers"));
    assert!(q.speaker.is_none(), "{q:#?}");
}

#[test]
fn partial_quote_inside_reported_speech() {
    let (_, out) = corpus("01_diplomacy_geneva.txt");
    let q = find(&out, QuoteKind::Partial, "most of the technical annex");
    assert_eq!(q.text, "most of the technical annex");
    assert_eq!(speaker(q), Some("Elena Marsh"));
    let host = find(&out, QuoteKind::Indirect, "most of the technical annex");
    assert!(host.parts[0].span().contains(q.parts[0].span()));
}

#[test]
fn scare_quotes_are_terms() {
    // what the Commission calls its “sustainable farming reform”
    let (_, out) = corpus("10_protest.txt");
    let t = find(&out, QuoteKind::Term, "sustainable farming reform");
    assert!(t.speaker.is_none() && t.cue.is_none());
    // what she called a "network harmonisation" programme (straight marks)
    let (_, out) = corpus("05_merger.txt");
    find(&out, QuoteKind::Term, "network harmonisation");
}

#[test]
fn colon_attribution() {
    let (_, out) = corpus("05_merger.txt");
    let q = find(&out, QuoteKind::Direct, "Some roles will change");
    assert!(cue(q).is_some_and(|c| c.starts_with("said")));
    assert_eq!(speaker(q), Some("Dana Whitfield"));
    // a colon after an adverbial: posted on social media: “...”
    let (_, out) = corpus("07_transfer.txt");
    let q = find(&out, QuoteKind::Direct, "Go well, brother");
    assert_eq!(speaker(q), Some("Ousmane Keita"));
}

#[test]
fn dash_ends_an_inverted_source() {
    // “...,” said Anna Petit of the campaign group Green Fields — adding that ...
    let (_, out) = corpus("10_protest.txt");
    let q = find(&out, QuoteKind::Direct, "The science has not changed");
    assert_eq!(
        source(q),
        Some("Anna Petit of the campaign group Green Fields")
    );
    assert_eq!(speaker(q), Some("Anna Petit"));
}

#[test]
fn odd_number_of_marks_does_not_derail_the_article() {
    // a straight opening mark never closed in one paragraph
    let (doc, out) = corpus("07_transfer.txt");
    assert_eq!(out.unpaired.len(), 1, "{:?}", out.unpaired);
    let u = &out.unpaired[0];
    assert_eq!(u.span.text, "\"");
    assert!(doc.text()[u.span.end..].starts_with("He kissed the badge"));
    // quotations after it are still paired and attributed
    let q = find(&out, QuoteKind::Direct, "See you on the 14th");
    assert_eq!(q.parts.len(), 1);
    // and a mismatched pair (curly opening, straight closing) still pairs
    let q = find(&out, QuoteKind::Partial, "with a heavy heart");
    assert_eq!(q.text, "with a heavy heart");
    // an opening mark left open at the very end of an article is reported
    let (_, out) = corpus("10_protest.txt");
    assert_eq!(out.unpaired.len(), 1, "{:?}", out.unpaired);
    find(&out, QuoteKind::Direct, "They write rules in offices");
}

#[test]
fn output_is_in_text_order_with_spans_matching_text() {
    for name in [
        "01_diplomacy_geneva.txt",
        "05_merger.txt",
        "07_transfer.txt",
    ] {
        let (doc, out) = corpus(name);
        let starts: Vec<usize> = out.quotations.iter().map(|q| q.parts[0].start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{name}");
        for q in &out.quotations {
            for p in q.parts.iter().chain(&q.cue).chain(&q.source) {
                assert_eq!(&doc.text()[p.start..p.end], p.text, "{name}");
            }
            assert!((0.0..=1.0).contains(&q.confidence));
        }
    }
}

#[test]
fn dash_attribution_after_a_quotation() {
    // reader reactions in the style of a live blog: “...” ― Name, one per line
    let text = "Readers react to the vote\n\n\
        “The council listened for once.” ― Maria Lopes\n\
        “Nobody asked the farmers what they think.” — Tomas Berg\n";
    let doc = lede_core::Document::from_plain_text("dash", text, lede_core::Metadata::default());
    let out = lede_quote::analyze(&doc, &lede_entity::EntityOutput::default());
    let a = find(&out, QuoteKind::Direct, "The council listened");
    assert_eq!(cue(a), Some("―"));
    assert_eq!(source(a), Some("Maria Lopes"));
    let b = find(&out, QuoteKind::Direct, "Nobody asked the farmers");
    assert_eq!(source(b), Some("Tomas Berg"));
    // no entities given: the speaker stays unknown rather than guessed
    assert!(a.speaker.is_none() && b.speaker.is_none());
}

#[test]
fn definite_description_resolves_to_the_organisation_named_before() {
    let text = "Haulier cuts jobs\n\n\
        Harbor Logistics Inc. will cut 1,200 jobs at its depot in Kessel, union officials said on Monday.\n\n\
        The company said the cuts were needed to pay for new electric trucks.\n";
    let (_, out) = analyse_text("desc", text);
    let q = find(&out, QuoteKind::Indirect, "the cuts were needed");
    assert_eq!(source(q), Some("The company"));
    let s = q.speaker.as_ref().expect("resolved");
    assert!(s.name.starts_with("Harbor Logistics"), "{s:?}");
    assert_eq!(s.via, Resolution::Description);
    // `union officials` names nobody: unknown, with the mention
    let u = find(&out, QuoteKind::Indirect, "will cut 1,200 jobs");
    assert_eq!(source(u), Some("union officials"));
    assert!(u.speaker.is_none());
}

#[test]
fn role_resolves_to_the_person_holding_it() {
    let text = "Ministry rejects plan\n\n\
        Finance ministry spokesman Arno Keller said on Monday that the ministry would study the proposal.\n\n\
        The spokesman added that no meeting had been planned.\n";
    let (_, out) = analyse_text("role", text);
    let q = find(&out, QuoteKind::Indirect, "no meeting had been planned");
    assert_eq!(source(q), Some("The spokesman"));
    let s = q.speaker.as_ref().expect("resolved");
    assert_eq!((s.name.as_str(), s.via), ("Arno Keller", Resolution::Role));
}

#[test]
fn possessive_apostrophe_is_not_a_quotation_mark() {
    // a plural possessive (`the nurses' union`) inside a source or an appositive must not end
    // the source phrase as a quotation mark would
    let text = "Nurses strike\n\n\
        The nurses' union said wards were left without cover.\n\n\
        Hannah Price, the nurses’ union secretary, said talks had failed.\n";
    let doc = lede_core::Document::from_plain_text("poss", text, lede_core::Metadata::default());
    let out = lede_quote::analyze(&doc, &lede_entity::EntityOutput::default());
    let a = find(&out, QuoteKind::Indirect, "wards were left without cover");
    assert_eq!(source(a), Some("The nurses' union"));
    let b = find(&out, QuoteKind::Indirect, "talks had failed");
    assert_eq!(source(b), Some("Hannah Price, the nurses’ union secretary"));
}

#[test]
fn quotation_closed_by_its_own_comma_ends_the_content() {
    // cautioned “A,” before voting ...: what follows the closing mark is the writer's
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(&out, QuoteKind::Direct, "pretend this fixes the budget");
    assert_eq!(q.parts.len(), 1, "{q:#?}");
    assert!(!q.text.contains("before voting"), "{q:#?}");
    assert_eq!(cue(q), Some("cautioned"));
}

#[test]
fn long_subject_between_quotation_and_cue() {
    // “A,” the leader of ..., Anita Brandt, said, referring to ...
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(&out, QuoteKind::Direct, "a tax on families");
    assert_eq!(
        source(q),
        Some("the leader of the opposition group, Anita Brandt")
    );
    assert_eq!(speaker(q), Some("Anita Brandt"));
    // ... and a relative clause with a date inside it
    let q = find(&out, QuoteKind::Direct, "underfunded for a decade");
    assert_eq!(speaker(q), Some("Miriam Sato"));
}

#[test]
fn quotation_paragraph_after_an_attribution_with_a_participle() {
    // “A,” X said, referring to B. ¶ “C.”: C goes on with A
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(&out, QuoteKind::Direct, "a tax on families");
    assert_eq!(q.parts.len(), 2, "{q:#?}");
    assert!(q.parts[1]
        .text
        .starts_with("We will take this to the voters"));
}

#[test]
fn inverted_source_with_a_first_name_like_a_modal_verb() {
    // said Will Haddad, a professor ...; said her deputy, Colm Reyes, pointing to ...
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(&out, QuoteKind::Direct, "right call for now");
    assert!(
        q.source
            .as_ref()
            .unwrap()
            .text
            .starts_with("Will Haddad, a professor"),
        "{q:#?}"
    );
    let q = find(&out, QuoteKind::Direct, "watching every dollar");
    assert_eq!(source(q), Some("her deputy, Colm Reyes"));
    assert_eq!(speaker(q), Some("Colm Reyes"));
}

#[test]
fn doubled_apostrophes_close_after_a_nested_single_quote() {
    // ''... the word 'temporary,''' said X. ''B.''
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(&out, QuoteKind::Direct, "right call for now");
    assert!(q.parts[0].text.ends_with("'temporary,'"), "{q:#?}");
    assert_eq!(q.parts.len(), 2, "{q:#?}");
    assert!(q.parts[1].text.starts_with("The levy buys two years"));
}

#[test]
fn follow_on_quote_goes_with_the_attribution_just_before_it() {
    // “A,” X said. B was “c,” she added. “D.”: D is not a part of A
    let (_, out) = corpus("12_hospital_levy.txt");
    let a = find(&out, QuoteKind::Direct, "asking nurses");
    assert_eq!(a.parts.len(), 1, "{a:#?}");
    let d = find(&out, QuoteKind::Direct, "Nobody enjoys raising a tax");
    assert_eq!(speaker(d), Some("Ruth Okonkwo"));
}

#[test]
fn long_subject_before_a_verb_of_saying_and_its_clause() {
    // X, who ..., denied that ...; X, a ... from A, a village ..., said the vote ...
    let (_, out) = corpus("03_court_ruling.txt");
    let q = find(&out, QuoteKind::Indirect, "it had been misused");
    assert_eq!(cue(q), Some("denied"));
    assert_eq!(
        source(q),
        Some("Sen. Mark Delaney, who wrote the state law")
    );
    assert_eq!(speaker(q), Some("Mark Delaney"));
    let (_, out) = corpus("12_hospital_levy.txt");
    let q = find(
        &out,
        QuoteKind::Indirect,
        "the vote had come years too late",
    );
    assert_eq!(cue(q), Some("said"));
    assert!(q
        .source
        .as_ref()
        .unwrap()
        .text
        .starts_with("Tomas Berg, a retired surgeon"));
    assert_eq!(speaker(q), Some("Tomas Berg"));
}

#[test]
fn a_dash_ends_reported_speech() {
    // what follows a dash is an aside or a clause of the writer's, not part of what was said
    let text = "Budget talks\n\n\
        The mayor said the tide was turning — and the council is still split on the levy.\n";
    let doc = lede_core::Document::from_plain_text("dash", text, lede_core::Metadata::default());
    let out = lede_quote::analyze(&doc, &lede_entity::EntityOutput::default());
    let q = find(&out, QuoteKind::Indirect, "the tide was turning");
    assert_eq!(q.text, "the tide was turning");
}

#[test]
fn the_learnt_filter_leaves_out_verbs_that_report_nothing() {
    // `The levy adds about 1.5 percent to the bill`, `points to 2.61 percent`: verbs of the cue
    // table in a sense that reports nothing; reported speech around them stays
    let (_, out) = corpus("12_hospital_levy.txt");
    assert!(
        !out.quotations
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| c.text == "adds")),
        "{:#?}",
        out.quotations
    );
    find(
        &out,
        QuoteKind::Indirect,
        "the vote had come years too late",
    );
    let (_, out) = corpus("09_central_bank.txt");
    assert!(
        !out.quotations
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| c.text == "points to")),
        "{:#?}",
        out.quotations
    );
    // the same article without the filter has both: the filter, not the rules, drops them
    let (doc, _) = corpus("12_hospital_levy.txt");
    let raw = lede_quote::analyze_unfiltered(&doc, &entities(&doc));
    assert!(raw
        .quotations
        .iter()
        .any(|q| q.cue.as_ref().is_some_and(|c| c.text == "adds")));
}

#[test]
fn a_pronoun_speaker_is_the_subject_of_the_sentence_before() {
    // the nearest sentence naming a person, and in it its subject, not the nearer object
    let text = "Port talks\n\n\
        Maria Lopez met Anna Berg in Dunmore on Friday. “We agreed on nothing,” she said.\n";
    let (_, out) = analyse_text("subj", text);
    let q = find(&out, QuoteKind::Direct, "We agreed on nothing");
    assert_eq!(speaker(q), Some("Maria Lopez"), "{q:#?}");
}

#[test]
fn went_on_to_say_is_one_cue() {
    let (_, out) = analyse_text(
        "went",
        "Rally\n\nThe mayor spoke for an hour. Then she went on to say that the port would stay open.\n",
    );
    let q = find(&out, QuoteKind::Indirect, "the port would stay open");
    assert_eq!(cue(q), Some("went on to say"));
    assert_eq!(source(q), Some("she"));
}

#[test]
fn transcript_turns_are_attributed_to_their_labels() {
    // two paragraphs or more opening with a label in capitals make a transcript; each turn is
    // the whole paragraph after its label
    let text = "Mayor on the levy\n\n\
        The interview has been edited for length.\n\n\
        Q: Why now? The wards have been short of nurses for years.\n\n\
        OKONKWO: Because the money ran out. We could not wait for another budget.\n";
    let (_, out) = analyse_text("qa", text);
    let q = find(&out, QuoteKind::Indirect, "Why now?");
    assert_eq!(
        q.text,
        "Why now? The wards have been short of nurses for years."
    );
    assert_eq!(source(q), Some("Q"));
    let a = find(&out, QuoteKind::Indirect, "Because the money ran out");
    assert!(a.text.ends_with("another budget."), "{a:#?}");
    assert_eq!(source(a), Some("OKONKWO"));
    // one label alone is a heading, not a transcript
    let (_, out) = analyse_text("one", "Levy\n\nUPDATE: The council met again on Friday.\n");
    assert!(out.quotations.is_empty(), "{:#?}", out.quotations);
}

#[test]
fn survey_shares_are_sources() {
    let (_, out) = analyse_text(
        "poll",
        "Poll\n\nA majority of those polled said the port should stay public. \
         Three in 10 said they would pay more for it.\n",
    );
    let q = find(&out, QuoteKind::Indirect, "the port should stay public");
    assert_eq!(source(q), Some("A majority of those polled"));
    let q = find(&out, QuoteKind::Indirect, "they would pay more");
    assert_eq!(source(q), Some("Three in 10"));
}

#[test]
fn a_first_name_tells_the_gender_a_pronoun_needs() {
    // `she` cannot be Tom Hale, the subject of the sentence before: Maria Lopez is
    let (_, out) = analyse_text(
        "gender",
        "Port talks\n\nTom Hale spoke after Maria Lopez on Friday. “We agreed on nothing,” she said.\n",
    );
    let q = find(&out, QuoteKind::Direct, "We agreed on nothing");
    assert_eq!(speaker(q), Some("Maria Lopez"), "{q:#?}");
}
