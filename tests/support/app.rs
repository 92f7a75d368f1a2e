//! Shared helpers for in-process tests: an app over the bundled articles,
//! key presses as actions, and drawing into ratatui's `TestBackend`.

#![allow(dead_code)]

use quire::action::Action;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::keymap::Key;
use quire::tui::{self, Event, ScriptedEvents};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

/// 2026-11-22T00:00:00Z, in milliseconds.
pub const FIXED_NOW: u64 = 1_795_305_600_000;

/// An app over the bundled articles in a `width` x `height` window.
pub fn bundled_app(width: u16, height: u16) -> App {
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), Bookmarks::default());
    let _ = quire::update::update(&mut app, Action::Resize(width, height));
    // A fixed clock keeps snapshots (bookmark ages) the same every run.
    app.now = FIXED_NOW;
    app
}

/// Presses keys by name ("j", "Ctrl-d", "Enter"); plain text is typed a
/// character at a time when `typed` is used instead. True when one of
/// them quit.
pub fn press(app: &mut App, keys: &[&str]) -> bool {
    let mut quit = false;
    for name in keys {
        let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
        if let Some(action) = app.keymap.action_for(app.mode(), key) {
            quit |= tui::apply(app, action, &tui::Services::default());
        }
    }
    quit
}

/// Types text into whatever has focus; true when a key quit.
pub fn typed(app: &mut App, text: &str) -> bool {
    let mut quit = false;
    for c in text.chars() {
        let key = Key::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            KeyModifiers::NONE,
        );
        if let Some(action) = app.keymap.action_for(app.mode(), key) {
            quit |= tui::apply(app, action, &tui::Services::default());
        }
    }
    quit
}

/// Draws the app into a test terminal of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| quire::ui::render(app, frame))
        .unwrap();
    terminal
}

/// The screen as text lines.
pub fn screen(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// Key events for a scripted session.
pub fn key_events(keys: &[&str]) -> ScriptedEvents {
    ScriptedEvents::new(keys.iter().map(|k| {
        let key = Key::parse(k).unwrap();
        Event::Key(KeyEvent::new(key.code, key.modifiers))
    }))
}
