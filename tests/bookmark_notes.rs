//! Bookmarks while reading: `a` then Esc keeps nothing, notes show under
//! their passages, `m` on a noted bookmark says how to undo and `u` undoes
//! in the reading view, `v` and input lines show their own keys, and a
//! bookmark opens from `B` whether or not its document is loaded.

#[path = "support/app.rs"]
mod support;

use quire::app::{App, Overlay};
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use quire::keymap::Mode;
use quire::store::DocId;
use std::time::SystemTime;
use support::{bundled_app, press, screen, typed};

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_then_esc_keeps_no_bookmark() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "a"]);
    typed(&mut app, "never mind");
    press(&mut app, &["Esc"]);
    assert_eq!(
        app.bookmarks.items.len(),
        0,
        "no bookmark, not even a tombstone"
    );
    assert!(app.bookmarked_passages(DocId(0)).is_empty());
    press(&mut app, &["a"]);
    typed(&mut app, "keep this");
    press(&mut app, &["Enter"]);
    assert_eq!(app.bookmarks.live_count(), 1);
    assert_eq!(app.bookmarks.items[0].note, "keep this");
    assert_eq!(app.bookmarked_passages(DocId(0)), vec![1]);
}

#[test]
fn a_on_a_selected_range_notes_the_range() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "v", "}", "}", "a"]);
    typed(&mut app, "three");
    press(&mut app, &["Enter"]);
    let anchor = &app.bookmarks.items[0].anchor;
    assert_eq!((anchor.passage, anchor.passage_end), (1, 3));
    assert_eq!(app.reader.selection, None);
}

#[test]
fn m_on_a_noted_bookmark_says_how_to_undo_and_u_undoes_while_reading() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "a"]);
    typed(&mut app, "my thought");
    press(&mut app, &["Enter", "m"]);
    assert_eq!(app.bookmarks.live_count(), 0);
    assert!(
        status(&app).contains("note") && status(&app).contains("u to undo"),
        "{}",
        status(&app)
    );
    press(&mut app, &["u"]);
    assert_eq!(app.bookmarks.live_count(), 1);
    assert_eq!(app.bookmarks.items[0].note, "my thought");
    assert_eq!(app.bookmarked_passages(DocId(0)), vec![1]);
}

#[test]
fn notes_show_dim_under_their_passage_and_i_hides_them() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "a"]);
    typed(&mut app, "remember the envelopes");
    press(&mut app, &["Enter"]);
    let shown = screen(&app);
    let row = shown
        .lines()
        .position(|l| l.contains("✎ remember the envelopes"))
        .unwrap_or_else(|| panic!("the note is not on screen:\n{shown}"));
    let terminal = support::draw(&app);
    let buffer = terminal.backend().buffer();
    let x = (0..buffer.area.width)
        .find(|&x| buffer[(x, row as u16)].symbol() == "✎")
        .unwrap();
    let style = buffer[(x, row as u16)].style();
    assert_eq!(style.fg, app.theme.dim().fg, "dim");
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::ITALIC)
    );
    press(&mut app, &["i"]);
    assert!(!screen(&app).contains("remember the envelopes"));
    press(&mut app, &["i"]);
    assert!(screen(&app).contains("✎ remember the envelopes"));
}

#[test]
fn v_says_what_the_selection_is_for() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "v"]);
    let said = status(&app);
    assert!(
        said.contains("m bookmarks the range") && said.contains("v cancels"),
        "{said}"
    );
}

#[test]
fn an_input_line_shows_its_own_keys_not_the_last_message() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "m"]);
    assert_eq!(status(&app), "Bookmark saved");
    press(&mut app, &["/"]);
    assert_eq!(app.mode(), Mode::Input);
    let last = screen(&app).lines().last().unwrap().to_string();
    assert!(!last.contains("Bookmark saved"), "{last}");
    assert!(
        last.contains("Enter keep") && last.contains("Esc cancel"),
        "{last}"
    );
}

/// A bookmark on `file` (written with `text`), in an app over the bundled
/// articles that does not have it loaded.
fn app_with_bookmark_elsewhere(file: &std::path::Path, text: &str, passage: usize) -> App {
    std::fs::write(file, text).unwrap();
    let doc = Document::new(Source::File(file.to_path_buf()), text.to_string());
    let mut set = Bookmarks::default();
    let mut bookmark = Bookmark::new(&doc, passage, passage, SystemTime::now()).unwrap();
    bookmark.note = "the one".into();
    set.push(bookmark);
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), set);
    let _ = quire::update::update(&mut app, quire::action::Action::Resize(100, 30));
    app
}

fn long_text() -> String {
    let mut text = String::from("Far away\n\n");
    for i in 0..80 {
        text.push_str(&format!("Paragraph number {i} of the far away file.\n\n"));
    }
    text
}

#[test]
fn a_bookmark_of_a_file_not_loaded_opens_at_its_passage() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("far.txt");
    let mut app = app_with_bookmark_elsewhere(&file, &long_text(), 61);
    assert_eq!(app.resolved, vec![None]);
    press(&mut app, &["B", "Enter"]);
    let doc = app.reader.doc.expect("a document is open");
    assert_eq!(
        app.docs[doc].source.display_path(),
        file.display().to_string()
    );
    assert_eq!(app.reader.cursor, 61);
    assert_eq!(
        app.docs[doc].passage_text(61),
        "Paragraph number 61 of the far away file."
    );
    assert_eq!(app.overlay, Overlay::None);
    assert!(screen(&app).contains("Paragraph number 61"));
    assert_eq!(app.docs.len(), 6, "the file joined the list");
    assert_eq!(app.status, None, "no \"Opening…\" left once it is open");
    // Opened again, it is not read a second time.
    press(&mut app, &["B", "Enter"]);
    assert_eq!(app.docs.len(), 6);
}

#[test]
fn a_bookmark_whose_file_is_gone_explains_and_shows_its_quote() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gone.txt");
    let mut app = app_with_bookmark_elsewhere(&file, &long_text(), 3);
    std::fs::remove_file(&file).unwrap();
    press(&mut app, &["B", "Enter"]);
    let said = status(&app);
    assert!(
        said.contains("Cannot open")
            && said.contains("gone")
            && said.contains("Enter again shows the quote"),
        "{said}"
    );
    press(&mut app, &["Enter"]);
    assert!(matches!(app.overlay, Overlay::Quote { .. }));
    let shown = screen(&app);
    assert!(
        shown.contains("Paragraph number 3 of the far away file."),
        "{shown}"
    );
    assert!(shown.contains("✎ the one"));
    press(&mut app, &["Esc"]);
    assert!(matches!(app.overlay, Overlay::Bookmarks { .. }));
}

#[test]
fn a_bookmark_whose_passage_is_gone_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("edited.txt");
    let mut app = app_with_bookmark_elsewhere(&file, &long_text(), 3);
    std::fs::write(&file, "Far away\n\nSomething else entirely now.").unwrap();
    press(&mut app, &["B", "Enter"]);
    assert!(
        status(&app).contains("no longer in the document"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_bookmarks_view_says_not_open_for_a_file_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("far.txt");
    let mut app = app_with_bookmark_elsewhere(&file, &long_text(), 3);
    press(&mut app, &["B"]);
    let shown = screen(&app);
    assert!(!shown.contains("(not found)"), "{shown}");
}

#[test]
fn notes_never_hide_the_cursor_and_clicks_land_on_the_line_clicked() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    for _ in 0..12 {
        press(&mut app, &["a"]);
        typed(&mut app, "a note");
        press(&mut app, &["Enter", "}"]);
    }
    press(&mut app, &["g"]);
    for key in ["}", "j"] {
        for step in 0..60 {
            let shown = screen(&app);
            assert!(
                shown.contains(quire::ui::theme::CURSOR_MARK),
                "{key} step {step}: the cursor is off screen:\n{shown}"
            );
            press(&mut app, &[key]);
        }
    }
    // A click on a text row below a note puts the cursor on that passage.
    press(&mut app, &["g"]);
    let text = app.reader_area().text;
    let rows = quire::note_rows::on_screen(&app);
    let (row, line) = rows
        .iter()
        .enumerate()
        .skip_while(|(_, r)| !matches!(r, quire::note_rows::Row::Note(_)))
        .find_map(|(i, r)| match r {
            quire::note_rows::Row::Text(line) => Some((i, *line)),
            _ => None,
        })
        .unwrap();
    let passage = app.reader.layout.as_ref().unwrap().lines[line].passage;
    let click = quire::action::Action::Mouse {
        kind: quire::action::MouseKind::Press,
        column: text.x + 2,
        row: text.y + row as u16,
    };
    let _ = quire::update::update(&mut app, click);
    if let Some(passage) = passage {
        assert_eq!(app.reader.cursor, passage);
    }
}

#[test]
fn a_bookmark_asked_for_while_files_load_opens_when_its_file_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("far.txt");
    let mut app = app_with_bookmark_elsewhere(&file, &long_text(), 30);
    app.loading = true;
    press(&mut app, &["B", "Enter"]);
    assert!(
        status(&app).contains("when it is loaded"),
        "{}",
        status(&app)
    );
    assert_eq!(
        app.docs.len(),
        5,
        "nothing read yet: the loader may bring it"
    );
    // The loader brings it: it opens there, read once.
    let doc = quire::corpus::read_document(&file).unwrap();
    let services = quire::tui::Services::default();
    quire::tui::apply(
        &mut app,
        quire::action::Action::DocumentsLoaded(vec![doc], vec![]),
        &services,
    );
    assert_eq!(app.reader.cursor, 30);
    assert_eq!(app.docs.len(), 6);
    assert_eq!(app.opening, None);

    // Loading ends without it: then it is read from its path.
    let other = dir.path().join("other.txt");
    let mut app = app_with_bookmark_elsewhere(&other, &long_text(), 12);
    app.loading = true;
    press(&mut app, &["B", "Enter"]);
    quire::tui::apply(&mut app, quire::action::Action::LoadFinished, &services);
    assert_eq!(app.reader.cursor, 12);
    assert_eq!(app.docs.len(), 6);
}

#[test]
fn while_selecting_the_hint_line_shows_the_selection_keys() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "v"]);
    app.status = None; // The message has expired.
    let last = screen(&app).lines().last().unwrap().to_string();
    assert!(
        last.contains("} extend") && last.contains("m bookmark range") && last.contains("v cancel"),
        "{last}"
    );
}

#[test]
fn the_list_filter_shows_its_keys_not_the_last_message() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "m", "h"]);
    assert_eq!(status(&app), "Bookmark saved");
    press(&mut app, &["/"]);
    let last = screen(&app).lines().last().unwrap().to_string();
    assert!(
        last.contains("Enter read") && last.contains("Esc clear"),
        "{last}"
    );
}
