//! The document list: one row per result with the title (matched letters
//! highlighted), a bookmark mark and the reading time.

use super::{text, theme};
use crate::app::{App, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = matches!(app.focus, Focus::List | Focus::Filter);
    let count = if app.filter.text.is_empty() {
        format!(" {} ", app.docs.len())
    } else {
        format!(" {}/{} ", app.hits.len(), app.docs.len())
    };
    let block = Block::bordered()
        .border_style(app.theme.border(focused))
        .title(Span::styled(" Articles ", app.theme.bold()))
        .title_bottom(Line::from(count).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if app.hits.is_empty() {
        let message = if app.docs.is_empty() {
            "No articles were opened.".to_string()
        } else {
            format!("No title matches “{}”.", app.filter.text)
        };
        frame.render_widget(
            Paragraph::new(text::fit(&message, width)).style(app.theme.dim()),
            inner,
        );
        return;
    }
    let rows: Vec<Line> = app
        .hits
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(inner.height as usize)
        .map(|(row, hit)| {
            let doc = &app.docs[hit.doc];
            let selected = row == app.selected;
            let base = if selected {
                app.theme.selected(focused)
            } else {
                Default::default()
            };
            let minutes = if doc.minutes == 0 {
                "empty".to_string()
            } else {
                format!("{} min", doc.minutes)
            };
            let mark = if app.has_bookmarks(hit.doc) {
                theme::BOOKMARK_MARK
            } else {
                " "
            };
            let right = format!(" {mark} {minutes:>6}");
            let title_width = width.saturating_sub(right.width() + 1);
            let mut spans = vec![Span::styled(" ", base)];
            spans.extend(text::highlighted(
                &doc.title,
                &hit.title_positions,
                title_width,
                base,
                app.theme.matched(),
            ));
            let used: usize = spans.iter().map(|s| s.content.width()).sum();
            spans.push(Span::styled(
                " ".repeat(width.saturating_sub(used + right.width())),
                base,
            ));
            spans.push(Span::styled(
                format!(" {mark}"),
                base.patch(app.theme.bookmark()),
            ));
            spans.push(Span::styled(
                format!(" {minutes:>6}"),
                base.patch(app.theme.dim()),
            ));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
