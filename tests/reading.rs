//! The reading view as a reader moves through it: a search inside the
//! document counts and steps through what is shown (never the title lines
//! shown only as the header), and Space at the end goes on to the next
//! document.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::document::{Document, Source};
use quire::update::update;
use support::{bundled_app, press, screen, typed};

#[test]
fn matches_in_the_hidden_title_lines_are_not_counted() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "/"]);
    typed(&mut app, "worse");
    press(&mut app, &["Enter"]);
    // Both "worse"s of the first article are in its title lines.
    assert_eq!(app.reader.matches, Vec::new());
    let shown = screen(&app);
    assert!(!shown.contains("matches"), "{shown}");
    press(&mut app, &["n"]);
    assert!(app.status.as_ref().unwrap().text.contains("No matches"));
}

#[test]
fn counters_and_n_step_only_through_shown_text() {
    let text = "Apples and pears\n\nApples and pears\n\nOne apples here.\n\nTwo apples there.";
    let doc = Document::new(Source::Stdin, text.to_string());
    let mut app = App::new(vec![doc], Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    press(&mut app, &["Enter", "/"]);
    typed(&mut app, "apples");
    press(&mut app, &["Enter"]);
    let starts: Vec<usize> = app.reader.matches.iter().map(|m| m.start).collect();
    assert_eq!(
        starts,
        [
            text.find("apples here").unwrap(),
            text.find("apples there").unwrap()
        ]
    );
    press(&mut app, &["n", "n"]);
    assert_eq!(app.status.as_ref().unwrap().text, "Match 1/2");
    // The list's filter highlights the same way in the preview.
    press(&mut app, &["h", "/"]);
    typed(&mut app, "pears");
    let _ = screen(&app);
    assert_eq!(app.reader.matches, Vec::new());
}

#[test]
fn space_at_the_end_moves_to_the_next_document_and_says_so() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    let first = app.reader.doc;
    for _ in 0..200 {
        press(&mut app, &["Space"]);
        if app.reader.doc != first {
            break;
        }
    }
    let second = app.reader.doc.unwrap();
    assert_ne!(Some(second), first, "Space never left the first document");
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("next:") && status.contains(&app.docs[second].title),
        "{status}"
    );
    assert_eq!(app.focus, quire::app::Focus::Reader);
    // The last document's end says so instead.
    press(&mut app, &["G"]);
    let last = app.hits.len() - 1;
    app.selected = last;
    app.preview_selected();
    press(&mut app, &["G", "Space", "Space"]);
    assert_eq!(app.selected, last);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("End of the last document")
    );
}
