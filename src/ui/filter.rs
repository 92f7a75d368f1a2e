//! The filter line: the query being typed, its cursor and the match count.

use super::{text, theme};
use crate::action::Action;
use crate::app::{App, Focus};
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let typing = app.focus == Focus::Filter;
    let count = if app.filter.text.is_empty() && !typing {
        String::new()
    } else {
        format!(" {}/{} ", app.hits.len(), app.docs.len())
    };
    let room = (area.width as usize).saturating_sub(count.width() + 2);
    let mut spans = vec![Span::styled(
        "/ ",
        if typing {
            theme::accent()
        } else {
            theme::dim()
        },
    )];
    if app.filter.text.is_empty() && !typing {
        let key = app.keymap.keys_for(Mode::List, Action::FocusFilter);
        spans.push(Span::styled(
            text::fit(&format!("press {key} to filter the list"), room),
            theme::dim(),
        ));
    } else {
        // Keep the cursor in view when the query is wider than the line.
        let before = &app.filter.text[..app.filter.cursor];
        let skip = before.width().saturating_sub(room.saturating_sub(1));
        let mut shown = String::new();
        let mut skipped = 0;
        for c in app.filter.text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if skipped < skip {
                skipped += w;
                continue;
            }
            shown.push(c);
        }
        spans.push(Span::styled(
            text::fit(&shown, room),
            if typing { theme::bold() } else { theme::dim() },
        ));
        if typing {
            let x = area.x + 2 + (before.width() - skipped.min(before.width())) as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(
        (area.width as usize).saturating_sub(used + count.width()),
    )));
    spans.push(Span::styled(count, theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
