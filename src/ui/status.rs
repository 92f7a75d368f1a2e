//! The status bar: the current message, or the focused pane's main keys
//! (taken from the keymap, so they are always the keys actually bound).

use super::text;
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let line = match &app.status {
        Some(status) => {
            let style = if status.error {
                app.theme.error()
            } else {
                app.theme.info()
            };
            // Messages quote file names, stored titles and error text.
            let shown = crate::sanitize::sanitize_line(&status.text);
            Line::from(Span::styled(text::fit(&shown, width), style))
        }
        None => hints(app, width),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// "key label · key label …", as many as fit.
fn hints(app: &App, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in app.keymap.hints(app.mode()) {
        let sep = if spans.is_empty() { "" } else { "  " };
        let needed = sep.width() + key.width() + 1 + label.width();
        if used + needed > width {
            break;
        }
        spans.push(Span::raw(sep));
        spans.push(Span::styled(key, app.theme.accent()));
        spans.push(Span::styled(format!(" {label}"), app.theme.dim()));
        used += needed;
    }
    Line::from(spans)
}
