//! The bookmarks view: every bookmark across all documents, with the
//! document title and the start of the passage; ones whose passage cannot
//! be found are listed too, marked, never hidden.

use super::{text, theme};
use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let rows = app.bookmark_rows();
    let block = Block::bordered()
        .border_style(theme::accent())
        .title(Span::styled(
            format!(" Bookmarks ({}) ", rows.len()),
            theme::bold(),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let key = app.keymap.keys_for(Mode::Reader, Action::ToggleBookmark);
        let hint = format!(
            "No bookmarks yet. In the reading view, press {key} to bookmark the passage under the cursor."
        );
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
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
            let bookmark = &app.bookmarks.items[index];
            let found = app.resolved.get(index).copied().flatten();
            let base = if row == selected {
                theme::selected(true)
            } else {
                Default::default()
            };
            let title = match found {
                Some(r) => app.docs[r.doc].title.clone(),
                None => bookmark.document.title.clone(),
            };
            let mut spans = vec![Span::styled(
                format!(" {} ", theme::BOOKMARK_MARK),
                base.patch(theme::bookmark()),
            )];
            if found.is_none() {
                spans.push(Span::styled("(not found) ", base.patch(theme::error())));
            }
            let title_room =
                (width / 2).saturating_sub(spans.iter().map(|s| s.content.width()).sum());
            spans.push(Span::styled(
                text::fit(&title, title_room),
                base.patch(theme::bold()),
            ));
            spans.push(Span::styled(" — ", base.patch(theme::dim())));
            let used: usize = spans.iter().map(|s| s.content.width()).sum();
            let quote = text::fit(&bookmark.quote_line(), width.saturating_sub(used));
            let pad = width.saturating_sub(used + quote.width());
            spans.push(Span::styled(quote, base));
            spans.push(Span::styled(" ".repeat(pad), base));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
