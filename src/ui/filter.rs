//! The line under the panes: the document filter with its cursor and match
//! count, or, while one is open, the input line for a note or for the
//! bookmarks filter.

use super::{text, theme};
use crate::action::Action;
use crate::app::{App, Focus, InputKind};
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(input) = &app.input {
        let prompt = match input.kind {
            InputKind::Note { .. } => "Note: ",
            InputKind::BookmarkFilter => "Filter bookmarks: ",
        };
        edit_line(frame, area, prompt, &input.line, "");
        return;
    }
    let typing = app.focus == Focus::Filter;
    let count = if app.filter.is_empty() && !typing {
        String::new()
    } else {
        format!(" {}/{} ", app.hits.len(), app.docs.len())
    };
    if typing {
        edit_line(frame, area, "/ ", &app.filter, &count);
        return;
    }
    let room = (area.width as usize).saturating_sub(count.width() + 2);
    let shown = if app.filter.is_empty() {
        let key = app.keymap.keys_for(Mode::List, Action::FocusFilter);
        format!("press {key} to filter the list")
    } else {
        app.filter.text.clone()
    };
    let spans = vec![
        Span::styled("/ ", theme::dim()),
        Span::styled(text::fit(&shown, room), theme::dim()),
    ];
    frame.render_widget(Paragraph::new(with_right(spans, &count, area.width)), area);
}

/// Draws `prompt` and an editable line with the terminal cursor in it,
/// scrolled so the cursor stays visible.
fn edit_line(frame: &mut Frame, area: Rect, prompt: &str, line: &LineEdit, right: &str) {
    let room = (area.width as usize).saturating_sub(prompt.width() + right.width() + 1);
    let before = line.text[..line.cursor].width();
    let skip = before.saturating_sub(room);
    let mut shown = String::new();
    let mut skipped = 0;
    for c in line.text.chars() {
        if skipped < skip {
            skipped += c.width().unwrap_or(0);
            continue;
        }
        shown.push(c);
    }
    let spans = vec![
        Span::styled(prompt.to_string(), theme::accent()),
        Span::styled(text::fit(&shown, room), theme::bold()),
    ];
    frame.render_widget(Paragraph::new(with_right(spans, right, area.width)), area);
    let x = area.x as usize + prompt.width() + before - skipped.min(before);
    frame.set_cursor_position(Position::new(
        (x as u16).min(area.right().saturating_sub(1)),
        area.y,
    ));
}

/// Pads `spans` so `right` ends at the right edge.
fn with_right(mut spans: Vec<Span<'static>>, right: &str, width: u16) -> Line<'static> {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(
        " ".repeat((width as usize).saturating_sub(used + right.width())),
    ));
    spans.push(Span::styled(right.to_string(), theme::dim()));
    Line::from(spans)
}
