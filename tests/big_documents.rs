//! A big document in the whole app: opened, paged, jumped through and
//! searched, drawn into `TestBackend` like any other. Above a megabyte the
//! reader lays out only a window around the screen; these check that the
//! user sees the same thing as with a small document.

#[path = "support/app.rs"]
mod support;

use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::document::{Document, Source};
use support::{FIXED_NOW, press, screen, typed};

/// About 4.5 MB: 60,000 numbered paragraphs, then one 400 KB paragraph.
fn big_app() -> App {
    let mut text = String::from("A big article\n\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "Paragraph {i} says the quick brown fox jumps over the lazy dog.\n\n"
        ));
    }
    text.push_str(&"Then one enormous line goes on and on. ".repeat(10_000));
    text.push_str("\n\nThe very last words.");
    assert!(text.len() > 4 * quire::wrap::EAGER_BYTES);
    let doc = Document::new(Source::Stdin, text);
    let mut app = App::new(vec![doc], Vec::new(), Bookmarks::default());
    quire::update::update(&mut app, quire::action::Action::Resize(100, 30));
    app.now = FIXED_NOW;
    press(&mut app, &["Enter"]);
    app
}

#[test]
fn a_big_document_reads_like_a_small_one() {
    let mut app = big_app();
    let first = screen(&app);
    assert!(first.contains("Paragraph 0 says the quick"), "{first}");
    assert!(first.contains(" 0% "), "{first}");
    press(&mut app, &["G"]);
    let end = screen(&app);
    assert!(end.contains("The very last words."), "{end}");
    assert!(end.contains("100%"), "{end}");
    press(&mut app, &["g", "g"]);
    assert_eq!(screen(&app), first);
    // Forty pages down, the paragraphs follow on from each other.
    for _ in 0..40 {
        press(&mut app, &["Space"]);
    }
    let paged = screen(&app);
    let numbers: Vec<usize> = paged
        .split("Paragraph ")
        .skip(1)
        .filter_map(|s| s.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(numbers.len() >= 5, "{paged}");
    assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1), "{numbers:?}");
    assert!(numbers[0] > 300, "{numbers:?}");
}

#[test]
fn searching_a_big_document_caps_the_matches_and_says_so() {
    let mut app = big_app();
    press(&mut app, &["/"]);
    typed(&mut app, "the");
    assert_eq!(app.reader.matches.len(), quire::search::MAX_MATCHES);
    assert!(app.reader.more_matches);
    let typing = screen(&app);
    assert!(typing.contains("1/100000+"), "{typing}");
    press(&mut app, &["Enter"]);
    let shown = screen(&app);
    assert!(shown.contains("/100000+"), "{shown}");
    // A rare word far down is found and shown.
    press(&mut app, &["/"]);
    typed(&mut app, "Paragraph 59999 ");
    assert_eq!(app.reader.matches.len(), 1);
    assert!(!app.reader.more_matches);
    let found = screen(&app);
    assert!(found.contains("Paragraph 59999 says"), "{found}");
}
