//! The outline overlay: the open document's headings, indented by level
//! (or its passages' first words when it has no headings), to jump to.

use super::{text, theme};
use crate::app::{App, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let rows = app.outline_rows();
    let query = match &app.overlay {
        Overlay::Outline { query, .. } if !query.is_empty() => format!(" matching “{query}”"),
        _ => String::new(),
    };
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(
            format!(" Outline ({}){query} ", rows.len()),
            app.theme.bold(),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("Nothing matches.").style(app.theme.dim()),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let width = inner.width as usize;
    let current = app.reader.cursor;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, (passage, level, label))| {
            let base = if row == selected {
                app.theme.selected(true)
            } else {
                Style::new()
            };
            let here = if *passage == current {
                theme::CURSOR_MARK
            } else {
                " "
            };
            let indent = "  ".repeat(level.saturating_sub(1) as usize);
            let lead = format!("{here} {indent}");
            let label = text::fit(label, width.saturating_sub(lead.width()));
            let pad = width.saturating_sub(lead.width() + label.width());
            Line::from(vec![
                Span::styled(lead, base.patch(app.theme.accent())),
                Span::styled(label, base.patch(app.theme.heading(*level))),
                Span::styled(" ".repeat(pad), base),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
