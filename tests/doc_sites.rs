//! Real documentation pages (tests/fixtures/docs) read as their authors
//! meant them: superscripts raised, mdBook's hidden example lines hidden,
//! Sphinx permalinks out of headings, titles and the outline.

use quire::corpus::read_document;
use quire::document::{Block, Document};
use std::path::PathBuf;

fn page(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docs")
        .join(name);
    read_document(&path).unwrap()
}

fn passages(doc: &Document) -> Vec<(&Block, &str)> {
    doc.passages
        .iter()
        .map(|p| (&p.block, &doc.text[p.range.clone()]))
        .collect()
}

#[test]
fn the_data_types_chapter_reads_its_powers_of_two() {
    let doc = page("ch03-02-data-types.html");
    assert!(
        doc.text
            .contains("−(2⁷) to 2⁷ − 1, which equals −128 to 127"),
        "powers of two flattened"
    );
    assert!(doc.text.contains("−(2ⁿ⁻¹) to 2ⁿ⁻¹ − 1"));
}

#[test]
fn mdbook_hidden_lines_stay_hidden() {
    let doc = page("ch10-03-lifetime-syntax.html");
    let code: Vec<&str> = passages(&doc)
        .into_iter()
        .filter(|(b, _)| **b == Block::Code)
        .map(|(_, t)| t)
        .collect();
    assert!(!code.is_empty());
    assert!(code.iter().all(|c| !c.contains("#![allow(unused)]")));
    // Listing 10-19 shows only `longest`; its hidden `fn main` is not added.
    let longest = code
        .iter()
        .find(|c| c.starts_with("fn longest<'a>"))
        .expect("the listing of longest alone");
    assert!(!longest.contains("fn main"), "{longest}");
}

#[test]
fn sphinx_permalinks_are_out_of_headings_and_title() {
    let doc = page("qemu-nbd.html");
    assert!(!doc.title.contains('¶'), "{}", doc.title);
    let headings: Vec<&str> = passages(&doc)
        .into_iter()
        .filter(|(b, _)| matches!(b, Block::Heading(_)))
        .map(|(_, t)| t)
        .collect();
    assert!(headings.contains(&"Synopsis"), "{headings:?}");
    // Its permalinks hold U+F0C1, a link icon of an icon font.
    let icon = |c: char| ('\u{e000}'..='\u{f8ff}').contains(&c) || c == '¶';
    assert!(!doc.text.chars().any(icon));
    assert!(!doc.title.chars().any(icon));
}

#[test]
fn a_hard_wrapped_license_reads_as_paragraphs() {
    let doc = page("GPL-3-excerpt.txt");
    let texts = passages(&doc);
    let preamble = texts
        .iter()
        .find(|(_, t)| t.contains("The licenses for most software"))
        .expect("the second paragraph of the preamble");
    assert!(!preamble.1.contains('\n'), "{}", preamble.1);
    assert!(preamble.1.contains("designed to take away your freedom"));
    // Lines laid out by hand stay: the centred heading and the notice.
    assert!(doc.text.contains("Version 3, 29 June 2007"));
    assert!(doc.text.contains(
        "Inc. <https://fsf.org/>\n Everyone is permitted to copy and distribute verbatim copies\n"
    ));
    // A passage still knows its line in the file (for `e`).
    let developers = doc
        .passages
        .iter()
        .find(|p| doc.text[p.range.clone()].starts_with("  Developers that use"))
        .unwrap();
    assert_eq!(developers.line, 40);
}

#[test]
fn a_trait_page_opens_at_its_description_not_its_implementors() {
    let doc = page("trait.Clone.html.gz");
    let shown: Vec<&str> = doc
        .shown_passages()
        .map(|(_, p)| &doc.text[p.range.clone()])
        .collect();
    let description = shown
        .iter()
        .position(|t| t.starts_with("A common trait that allows explicit creation"));
    let first_impl = shown.iter().position(|t| t.contains("impl Clone for"));
    assert!(
        description.is_some_and(|d| first_impl.is_none_or(|i| d < i)),
        "{:#?}",
        &shown[..shown.len().min(12)]
    );
    // The signatures under it are kept, each once, with its summary mark.
    assert!(shown.contains(&"▸ fn clone(&self) -> Self"), "{shown:#?}");
}
