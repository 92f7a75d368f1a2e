//! The links overlay: the open document's links (or the cursor passage's,
//! when picking among them), each as its text and where it goes.

use super::text;
use crate::app::{App, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let rows = crate::update::link_rows(app);
    let (query, picking) = match &app.overlay {
        Overlay::Links { query, passage, .. } => (query.as_str(), passage.is_some()),
        _ => ("", false),
    };
    let what = if picking { "Links here" } else { "Links" };
    let matching = if query.is_empty() {
        String::new()
    } else {
        format!(" matching “{query}”")
    };
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(
            format!(" {what} ({}){matching} ", rows.len()),
            app.theme.bold(),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let Some(doc) = app.reader.doc.and_then(|d| app.docs.get(d)) else {
        return;
    };
    if rows.is_empty() {
        let empty = if doc.links.is_empty() {
            "This document has no links."
        } else {
            "Nothing matches."
        };
        frame.render_widget(Paragraph::new(empty).style(app.theme.dim()), inner);
        return;
    }
    let height = inner.height as usize;
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &index)| {
            let base = if row == selected {
                app.theme.selected(true)
            } else {
                Style::new()
            };
            let Some(link) = doc.links.get(index) else {
                return Line::default();
            };
            let label = crate::links::label(doc, &link);
            // The text gets up to half the row; the address the rest.
            let label = text::fit(&label, (width / 2).saturating_sub(2));
            let gap = if label.is_empty() { " " } else { "  " };
            let room = width.saturating_sub(label.width() + gap.width() + 1);
            let url = text::fit(link.url, room);
            let pad = width.saturating_sub(1 + label.width() + gap.width() + url.width());
            Line::from(vec![
                Span::styled(" ", base),
                Span::styled(label, base.patch(app.theme.bold())),
                Span::styled(gap, base),
                Span::styled(url, base.patch(app.theme.dim())),
                Span::styled(" ".repeat(pad), base),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
