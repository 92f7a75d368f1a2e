//! A README's badge row (build status, crate version, licence) is page
//! furniture: folded near the top, shown with `F`, and it no longer keeps
//! the title repeated under it from being dropped. A logo or a figure is
//! the document's own and stays.

#[path = "support/app.rs"]
mod support;

use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::document::{Document, FoldKind, Source};
use quire::markup::{html, markdown};
use std::path::PathBuf;
use support::{press, screen};

fn readme(text: &str) -> Document {
    let source = Source::File(PathBuf::from("crate/README.md"));
    markdown::parse(text).into_document(source)
}

/// The passages a reader sees, folded ones left out.
fn shown(doc: &Document) -> Vec<String> {
    (0..doc.passages.len())
        .filter(|&i| !doc.is_folded(i))
        .map(|i| doc.passage_text(i).trim().to_string())
        .collect()
}

const GIT: &str = "\
[![Build status](https://github.com/git/git/workflows/CI/badge.svg)](https://github.com/git/git/actions)

Git - fast, scalable, distributed revision control system
=========================================================

Git is a fast, scalable, distributed revision control system.

It was originally written by Linus Torvalds.
";

#[test]
fn a_badge_over_the_title_is_folded_and_the_title_is_not_shown_twice() {
    let doc = readme(GIT);
    assert_eq!(
        doc.title,
        "Git - fast, scalable, distributed revision control system"
    );
    assert_eq!(
        shown(&doc),
        [
            "Git is a fast, scalable, distributed revision control system.",
            "It was originally written by Linus Torvalds.",
        ]
    );
    assert_eq!(doc.folds.len(), 1, "{:?}", doc.folds);
    assert_eq!(doc.folds[0].kind, FoldKind::Badges);
    assert_eq!(doc.passage_text(0), "[image: Build status]");
}

const ANSTREAM: &str = "# anstream\n\n> Writing colored text to a terminal.\n\n\
    [![Documentation](https://img.shields.io/badge/docs-master-blue.svg)][Documentation]\n\
    ![License](https://img.shields.io/crates/l/anstream.svg)\n\
    [![Crates Status](https://img.shields.io/crates/v/anstream.svg)](https://crates.io/crates/anstream)\n\n\
    Specialized stdout and stderr that accept ANSI escape codes.\n\n\
    [Documentation]: https://docs.rs/anstream\n";

#[test]
fn a_badge_row_under_the_title_and_summary_is_folded() {
    let doc = readme(ANSTREAM);
    assert_eq!(doc.title, "anstream");
    assert_eq!(
        shown(&doc),
        [
            "Writing colored text to a terminal.",
            "Specialized stdout and stderr that accept ANSI escape codes.",
        ]
    );
    assert_eq!(doc.folds[0].kind, FoldKind::Badges);
    // The length is the article's, as if the badges were not there.
    let start = ANSTREAM.find("[![").unwrap();
    let end = ANSTREAM.find("Specialized").unwrap();
    let plain = format!("{}{}", &ANSTREAM[..start], &ANSTREAM[end..]);
    assert_eq!(doc.words, readme(&plain).words);
}

#[test]
fn a_logo_over_the_title_stays_and_the_title_is_not_shown_twice() {
    let doc = readme(
        "![nom logo, by Ange Albertini](assets/nom.png)\n\n# nom\n\n\
         nom is a parser combinators library written in Rust.\n",
    );
    assert_eq!(doc.title, "nom");
    assert_eq!(
        shown(&doc),
        [
            "[image: nom logo, by Ange Albertini]",
            "nom is a parser combinators library written in Rust.",
        ]
    );
    assert!(doc.folds.is_empty(), "{:?}", doc.folds);
}

#[test]
fn images_further_down_are_the_documents_own() {
    let prose = "A paragraph of the guide that explains one more thing. ".repeat(8);
    let mut text = String::from("# Guide\n\n");
    for _ in 0..6 {
        text.push_str(&prose);
        text.push_str("\n\n");
    }
    text.push_str("![a](a.png) ![b](b.png) ![c](c.png)\n\n");
    text.push_str("![CI](https://img.shields.io/ci.svg)\n\nThe end.\n");
    let doc = readme(&text);
    assert!(doc.folds.is_empty(), "{:?}", doc.folds);
    assert!(shown(&doc).contains(&"[image: a] [image: b] [image: c]".to_string()));
}

#[test]
fn a_readme_of_badges_alone_still_shows_them() {
    let doc = readme(
        "# dtoa-short\n\n\
         [![Latest Version](https://img.shields.io/crates/v/dtoa-short.svg)](https://crates.io)\n\
         [![codecov](https://codecov.io/gh/x/graph/badge.svg)](https://codecov.io)\n",
    );
    assert_eq!(
        shown(&doc),
        ["[image: Latest Version] [image: codecov]".to_string()]
    );
}

#[test]
fn a_saved_page_s_badge_row_is_folded_too() {
    let page = "<html><head><title>Serde</title></head><body><article>\
        <p><a href='https://github.com/serde-rs/serde/actions'>\
        <img src='https://img.shields.io/github/actions/workflow/status/serde-rs/serde/ci.yml' alt='Build Status'></a>\
        <a href='https://crates.io/crates/serde'><img src='https://camo.githubusercontent.com/5e1f' data-canonical-src='https://img.shields.io/crates/v/serde.svg' alt='Latest Version'></a></p>\
        <h1>Serde</h1>\
        <p>Serde is a framework for serializing and deserializing Rust data structures \
        efficiently and generically, with a great many formats supported.</p>\
        </article></body></html>";
    let doc = html::parse(page).into_document(Source::Stdin);
    assert_eq!(doc.title, "Serde");
    let shown = shown(&doc);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].starts_with("Serde is a framework"), "{shown:?}");
}

#[test]
fn the_reader_shows_one_fold_line_for_the_badges_and_f_shows_them() {
    let mut app = App::new(vec![readme(GIT)], Vec::new(), Bookmarks::default());
    let _ = quire::update::update(&mut app, quire::action::Action::Resize(120, 20));
    press(&mut app, &["Enter"]);
    let folded = screen(&app);
    assert!(folded.contains("(badges)"), "{folded}");
    assert!(!folded.contains("[image: Build status]"), "{folded}");
    let title = "Git - fast, scalable, distributed revision control system";
    assert_eq!(folded.matches(title).count(), 1, "{folded}");
    press(&mut app, &["F"]);
    let whole = screen(&app);
    assert!(whole.contains("[image: Build status]"), "{whole}");
}
