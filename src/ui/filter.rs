//! The line under the panes: the document filter with its cursor and match
//! count, or, while one is open, the input line for a note or for the
//! bookmarks filter.

use super::text;
use crate::action::Action;
use crate::app::{App, Focus, InputKind};
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use crate::sanitize::sanitize_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(input) = &app.input {
        let (prompt, right) = match input.kind {
            InputKind::Note { .. } | InputKind::NewNote { .. } => ("Note: ", String::new()),
            InputKind::OverlayFilter => ("Filter: ", String::new()),
            InputKind::DocumentSearch => ("Search this document: ", match_counter(app)),
            InputKind::HelpFilter => ("Filter keys: ", String::new()),
        };
        edit_line(&app.theme, frame, area, prompt, &input.line, &right);
        return;
    }
    let typing = app.focus == Focus::Filter;
    let count = if app.filter.is_empty() && !typing {
        String::new()
    } else if app.searching {
        format!(" searching… {}/{} ", app.hits.len(), app.docs.len())
    } else {
        format!(" {}/{} ", app.hits.len(), app.docs.len())
    };
    let count = if app.loading {
        format!(" loading {} documents…{count}", app.docs.len())
    } else {
        count
    };
    if typing {
        edit_line(&app.theme, frame, area, "/ ", &app.filter, &count);
        return;
    }
    let room = (area.width as usize).saturating_sub(count.width() + 2);
    let shown = if app.filter.is_empty() {
        slash_does(app)
    } else {
        app.filter.text.clone()
    };
    let spans = vec![
        Span::styled("/ ", app.theme.dim()),
        Span::styled(text::fit(&shown, room), app.theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(with_right(&app.theme, spans, &count, area.width)),
        area,
    );
}

/// What the filter key does where the keyboard is, for the empty filter
/// line: in the reading view `/` searches the document, in an overlay it
/// filters the overlay, so "press / to filter the list" would mislead.
fn slash_does(app: &App) -> String {
    let mode = app.mode();
    let (action, what) = match mode {
        Mode::Reader => (Action::SearchDocument, "search this document"),
        Mode::Bookmarks => (Action::FocusFilter, "filter the bookmarks"),
        Mode::Outline => (Action::FocusFilter, "filter the headings"),
        Mode::Links => (Action::FocusFilter, "filter the links"),
        Mode::Help => (Action::FocusFilter, "filter the keys"),
        _ => (Action::FocusFilter, "filter the list"),
    };
    let key = app.keymap.keys_for(mode, action);
    if key.is_empty() {
        let key = app.keymap.keys_for(Mode::List, Action::FocusFilter);
        return format!("press {key} in the list to filter it");
    }
    format!("press {key} to {what}")
}

/// "3/17" for the reader's matches ("3/100000+" when more were found than
/// are kept), or "no match".
pub fn match_counter(app: &App) -> String {
    let more = if app.reader.more_matches { "+" } else { "" };
    match (app.reader.matches.len(), app.reader.current) {
        (0, _) => " no match ".to_string(),
        (n, Some(i)) => format!(" {}/{n}{more} ", i + 1),
        (n, None) => format!(" {n}{more} matches "),
    }
}

/// Draws `prompt` and an editable line with the terminal cursor in it,
/// scrolled so the cursor stays visible.
fn edit_line(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    line: &LineEdit,
    right: &str,
) {
    let room = (area.width as usize).saturating_sub(prompt.width() + right.width() + 1);
    // The line holds what was typed or pasted, or a note read back from
    // bookmarks.json: drawn sanitized, the cursor between the two halves.
    let (head, tail) = line.text.split_at(line.cursor.min(line.text.len()));
    let (head, tail) = (sanitize_line(head), sanitize_line(tail));
    let before = head.width();
    let skip = before.saturating_sub(room);
    let mut shown = String::new();
    let mut skipped = 0;
    for c in head.chars().chain(tail.chars()) {
        if skipped < skip {
            skipped += c.width().unwrap_or(0);
            continue;
        }
        shown.push(c);
    }
    let spans = vec![
        Span::styled(prompt.to_string(), theme.accent()),
        Span::styled(text::fit(&shown, room), theme.bold()),
    ];
    frame.render_widget(
        Paragraph::new(with_right(theme, spans, right, area.width)),
        area,
    );
    let x = area.x as usize + prompt.width() + before - skipped.min(before);
    frame.set_cursor_position(Position::new(
        (x as u16).min(area.right().saturating_sub(1)),
        area.y,
    ));
}

/// Pads `spans` so `right` ends at the right edge.
fn with_right(
    theme: &Theme,
    mut spans: Vec<Span<'static>>,
    right: &str,
    width: u16,
) -> Line<'static> {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(
        " ".repeat((width as usize).saturating_sub(used + right.width())),
    ));
    spans.push(Span::styled(right.to_string(), theme.dim()));
    Line::from(spans)
}
