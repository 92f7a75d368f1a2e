//! Searching inside a document counts and steps through what the reading
//! view shows, never the title lines it shows only as its header.

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
    update(&mut app, Action::Resize(100, 30));
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
