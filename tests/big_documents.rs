//! A big document in the whole app: opened, paged, jumped through and
//! searched, drawn into `TestBackend` like any other. Above a megabyte the
//! reader lays out only a window around the screen; these check that the
//! user sees the same thing as with a small document.

#[path = "support/app.rs"]
mod support;

use quire::action::{Action, Effect};
use quire::app::App;
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Measure, Source};
use quire::store::DocId;
use quire::update::update;
use std::sync::Arc;
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
    let _ = quire::update::update(&mut app, quire::action::Action::Resize(100, 30));
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

/// A file the loader listed before measuring it, as the reader gets it.
fn unmeasured(text: &str) -> Document {
    Document::unmeasured(Source::File("big.txt".into()), Arc::from(text))
}

const TEXT: &str = "Big\n\nFirst passage.\n\nSecond passage.\n\nThird passage.";

/// The list row of the first document.
fn first_row(app: &App) -> String {
    let screen = screen(app);
    screen
        .lines()
        .find(|l| l.contains("│ Big"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_document_listed_before_it_is_measured_finds_its_bookmarks_when_measured() {
    let measured = Document::from_shared(Source::File("big.txt".into()), Arc::from(TEXT));
    let mut bookmarks = Bookmarks::default();
    bookmarks.push(Bookmark::new(&measured, 1, 1, std::time::SystemTime::now()).unwrap());
    let hash = measured.hash.clone();
    let doc = unmeasured(TEXT);
    let mut app = App::new(vec![doc], Vec::new(), bookmarks);
    let effects = update(&mut app, Action::Resize(100, 30));
    // Not matched by path while its hash is unknown: no re-anchoring onto
    // an empty hash, and no mark yet.
    assert!(!app.has_bookmarks(DocId(0)));
    assert!(!effects.contains(&Effect::SaveBookmarks));
    assert_eq!(Some(&app.bookmarks.items[0].document.hash), hash.as_ref());
    let row = first_row(&app);
    assert!(row.contains("… min"), "{row}");
    let effects = update(
        &mut app,
        Action::DocumentMeasured(DocId(0), Measure::of(TEXT)),
    );
    assert_eq!(*app.docs[DocId(0)], measured);
    assert!(app.has_bookmarks(DocId(0)));
    assert!(
        !effects.contains(&Effect::SaveBookmarks),
        "the same text needs no new anchor"
    );
    let row = first_row(&app);
    assert!(row.contains("1 min") && !row.contains('…'), "{row}");
}

/// The loader's measure of the one document, as it reports it.
fn measured_now() -> Action {
    Action::DocumentMeasured(DocId(0), Measure::of(TEXT))
}

#[test]
fn bookmarking_a_document_not_yet_measured_waits_for_its_measure() {
    let mut app = App::new(vec![unmeasured(TEXT)], Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    press(&mut app, &["Enter", "m"]);
    // The key is answered at once; the document is not hashed on it.
    assert!(!app.docs[DocId(0)].is_measured());
    assert_eq!(app.bookmarks.live_count(), 0);
    assert!(screen(&app).contains("Still measuring"));
    let measured = measured_now();
    let effects = update(&mut app, measured);
    assert!(effects.contains(&Effect::SaveBookmarks), "{effects:?}");
    assert_eq!(app.bookmarks.live_count(), 1);
    let saved = &app.bookmarks.items[0];
    assert_eq!(saved.document.hash, Measure::of(TEXT).hash);
    assert_eq!(saved.anchor.exact, "First passage.");
    assert!(app.docs[DocId(0)].is_measured());
    // A second measure arriving later changes nothing.
    let _ = update(
        &mut app,
        Action::DocumentMeasured(DocId(0), Measure::of("other")),
    );
    assert_eq!(app.docs[DocId(0)].hash, Some(Measure::of(TEXT).hash));
    assert_eq!(app.bookmarks.live_count(), 1);
    // After a restart, the bookmark it already has is not shown until
    // the document is measured: `m` then keeps it (the user meant to add
    // one), and `a` opens its note instead of removing it.
    let mut again = App::new(vec![unmeasured(TEXT)], Vec::new(), app.bookmarks.clone());
    let _ = update(&mut again, Action::Resize(100, 30));
    press(&mut again, &["Enter", "m"]);
    let measured = measured_now();
    let _ = update(&mut again, measured);
    assert_eq!(again.bookmarks.live_count(), 1);
    assert!(screen(&again).contains("already bookmarked"));
    // Once shown, `m` removes it as usual.
    press(&mut again, &["m"]);
    assert_eq!(again.bookmarks.live_count(), 0);
    let mut noting = App::new(vec![unmeasured(TEXT)], Vec::new(), app.bookmarks.clone());
    let _ = update(&mut noting, Action::Resize(100, 30));
    press(&mut noting, &["Enter", "a"]);
    assert!(noting.input.is_none(), "nothing to note until measured");
    let measured = measured_now();
    let _ = update(&mut noting, measured);
    assert_eq!(noting.bookmarks.live_count(), 1);
    assert!(noting.input.is_some(), "the note editor is open");
}

#[test]
fn two_unmeasured_documents_are_never_the_same_text() {
    let (a, b) = (unmeasured("A\n\none"), unmeasured("B\n\ntwo"));
    // Not measured, they have no hash: no record of their text is made,
    // so none can match another.
    assert!(quire::bookmarks::DocumentRef::of(&a).is_none());
    assert!(quire::bookmarks::DocumentRef::of(&b).is_none());
    assert!(Bookmark::new(&a, 0, 0, std::time::SystemTime::now()).is_none());
    let position =
        quire::positions::ReadingPosition::new(&a, 0, 0, 0, false, std::time::SystemTime::now());
    assert!(position.is_none());
}

#[test]
fn opening_a_bookmark_in_a_document_not_yet_measured_goes_there_once_measured() {
    let measured = Document::from_shared(Source::File("big.txt".into()), Arc::from(TEXT));
    let mut bookmarks = Bookmarks::default();
    bookmarks.push(Bookmark::new(&measured, 2, 2, std::time::SystemTime::now()).unwrap());
    let id = bookmarks.items[0].id.clone();
    let mut app = App::new(vec![unmeasured(TEXT)], Vec::new(), bookmarks);
    let _ = update(&mut app, Action::Resize(100, 30));
    let _ = update(&mut app, Action::OpenBookmark(id));
    // Not hashed on the key: the jump waits for the loader's measure.
    assert!(!app.docs[DocId(0)].is_measured());
    assert!(screen(&app).contains("Still measuring"));
    let measured = measured_now();
    let _ = update(&mut app, measured);
    assert!(app.docs[DocId(0)].is_measured());
    assert_eq!(app.reader.doc, Some(DocId(0)));
    assert_eq!(app.reader.flash, Some((2, 2)));
    assert!(screen(&app).contains("Third passage."));
}

#[test]
fn a_bookmark_asked_for_before_the_measure_is_dropped_if_the_user_left() {
    let small = Document::new(Source::File("small.txt".into()), "Small\n\nOne.".into());
    let docs = vec![unmeasured(TEXT), small];
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    press(&mut app, &["Enter", "m"]);
    // Back to the list and on to the next document before the measure.
    press(&mut app, &["Esc", "j"]);
    let measured = measured_now();
    let _ = update(&mut app, measured);
    assert_eq!(
        app.bookmarks.live_count(),
        0,
        "bookmarked a passage not shown"
    );
}
