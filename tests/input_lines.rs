//! In process: text that reaches quire faster or longer than it is typed.
//! A flood of keys into the filter searches once, not once per key; a
//! paste outside an input line runs no command; a message longer than the
//! status bar is shown whole; quitting while the bookmarks are not saved
//! tries again and asks first.

#[path = "support/app.rs"]
mod support;

use quire::action::{Action, Effect};
use quire::keymap::Key;
use quire::tui::{self, Event, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use support::{bundled_app, screen};

fn key(name: &str) -> Event {
    let key = Key::parse(name).unwrap();
    Event::Key(KeyEvent::new(key.code, key.modifiers))
}

#[test]
fn keys_that_arrive_at_once_are_searched_once() {
    let mut app = bundled_app(100, 30);
    let typed = "wechat qq participation";
    let mut events = vec![key("/")];
    events.extend(typed.chars().map(|c| key(&c.to_string())));
    let before = app.search_generation;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    tui::run(
        &mut terminal,
        &mut app,
        &mut ScriptedEvents::at_once(events),
        &tui::Services::default(),
    )
    .unwrap();
    assert_eq!(app.filter.text, typed);
    assert_eq!(
        app.search_generation - before,
        1,
        "one search for {} keys",
        typed.len()
    );
}

#[test]
fn keys_typed_one_by_one_still_search_as_they_come() {
    let mut app = bundled_app(100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let before = app.search_generation;
    tui::run(
        &mut terminal,
        &mut app,
        &mut ScriptedEvents::new([key("/"), key("q"), key("q")]),
        &tui::Services::default(),
    )
    .unwrap();
    assert_eq!(app.filter.text, "qq");
    assert_eq!(app.search_generation - before, 2);
}

#[test]
fn a_paste_outside_an_input_line_runs_no_command() {
    let mut app = bundled_app(100, 30);
    let services = tui::Services::default();
    tui::apply(&mut app, Action::Open, &services);
    tui::apply(&mut app, Action::ToggleBookmark, &services);
    tui::apply(&mut app, Action::ShowBookmarks, &services);
    assert_eq!(app.bookmarks.live_count(), 1);
    for text in ["dddd", "q", "\x1b[27u", "/x\r"] {
        let quit = tui::apply(&mut app, Action::InsertText(text.into()), &services);
        assert!(!quit, "{text:?} quit");
    }
    assert_eq!(app.bookmarks.live_count(), 1, "a paste deleted a bookmark");
    assert!(app.input.is_none(), "a paste opened an input line");
    let status = app.status.as_ref().map(|s| s.text.as_str()).unwrap_or("");
    assert!(status.starts_with("Paste ignored"), "{status}");
}

#[test]
fn a_message_longer_than_the_status_bar_is_shown_whole() {
    let mut app = bundled_app(80, 24);
    let message = "could not save the bookmarks to /home/someone/.config/quire/bookmarks.json: \
                   No space left on device (os error 28); free some space, then change a \
                   bookmark again or quit to retry";
    app.error(message);
    let shown = screen(&app);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&shown).contains(&words(message)),
        "message cut:\n{shown}"
    );
    let rows = shown.lines().count();
    assert_eq!(rows, 24, "the message stays on the screen");
}

/// An app whose last bookmark save failed.
fn unsaved_app() -> quire::app::App {
    let mut app = bundled_app(100, 30);
    let failed = Action::BookmarksSaved(Err("No space left on device".into()));
    let _ = quire::update::update(&mut app, failed);
    assert!(app.bookmarks_error.is_some());
    app
}

#[test]
fn quitting_with_unsaved_bookmarks_asks_and_tries_again() {
    let mut app = unsaved_app();
    assert_eq!(
        quire::update::update(&mut app, Action::Quit),
        Some(Effect::SaveBookmarks),
        "the first q tries to save again, and does not quit"
    );
    let status = app.status.as_ref().map(|s| s.text.as_str()).unwrap_or("");
    assert!(
        status.contains("not saved: No space left on device")
            && status.contains("q again quits without them"),
        "{status}"
    );
    // The save fails again: the second q quits, trying once more.
    let failed = Action::BookmarksSaved(Err("No space left on device".into()));
    let _ = quire::update::update(&mut app, failed);
    let effects = quire::update::update(&mut app, Action::Quit);
    assert!(effects.quits(), "{effects:?}");
    assert!(effects.contains(&Effect::SaveBookmarks), "{effects:?}");
}

#[test]
fn quitting_after_a_retry_that_saves_needs_no_second_q() {
    let mut app = unsaved_app();
    let _ = quire::update::update(&mut app, Action::Quit);
    let saved = Action::BookmarksSaved(Ok(app.bookmarks.clone()));
    assert_eq!(quire::update::update(&mut app, saved), Some(Effect::Quit));
}

#[test]
fn a_signal_quits_at_once_and_tries_the_save_again() {
    let mut app = unsaved_app();
    let effects = quire::update::update(&mut app, Action::QuitNow);
    assert!(effects.quits(), "{effects:?}");
    assert!(effects.contains(&Effect::SaveBookmarks), "{effects:?}");
}
