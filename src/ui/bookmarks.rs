//! The bookmarks view: every bookmark across all documents, two lines
//! each: the document title and the bookmark's age, then the note (if any)
//! and the start of the quote. Bookmarks whose passage cannot be found are
//! listed too, marked, never hidden.

use super::{text, theme};
use crate::action::Action;
use crate::app::{App, Overlay};
use crate::keymap::Mode;
use crate::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Screen lines per bookmark.
pub const ROW_HEIGHT: usize = 2;

pub fn render(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let rows = app.bookmark_rows();
    let query = match &app.overlay {
        Overlay::Bookmarks { query, .. } if !query.is_empty() => {
            format!(" matching “{}”", sanitize_line(query))
        }
        _ => String::new(),
    };
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(
            format!(" Bookmarks ({}){query} ", rows.len()),
            app.theme.bold(),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let hint = if app.bookmarks.live_count() > 0 {
            "No bookmark matches the filter.".to_string()
        } else {
            let key = app.keymap.keys_for(Mode::Reader, Action::ToggleBookmark);
            format!(
                "No bookmarks yet. In the reading view, press {key} to bookmark the passage under the cursor."
            )
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(app.theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let visible = (inner.height as usize / ROW_HEIGHT).max(1);
    let offset = selected.saturating_sub(visible - 1);
    let width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .flat_map(|(row, &index)| entry(app, index, row == selected, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The two lines of one bookmark.
fn entry(app: &App, index: usize, selected: bool, width: usize) -> [Line<'static>; 2] {
    let bookmark = &app.bookmarks.items[index];
    let found = app.resolved.get(index).copied().flatten();
    let base = if selected {
        app.theme.selected(true)
    } else {
        Style::new()
    };
    let age = format!(" {} ", text::age(app.now, bookmark.created));
    let mut head = vec![Span::styled(
        format!(" {} ", theme::BOOKMARK_MARK),
        base.patch(app.theme.bookmark()),
    )];
    // Not loaded is not lost: Enter reads its file. Only a bookmark known
    // not to open (file gone, passage gone) is "not found".
    match (found, app.why_unopenable(&bookmark.id)) {
        (Some(_), _) => {}
        (None, Some(_)) => head.push(Span::styled("(not found) ", base.patch(app.theme.error()))),
        (None, None) => head.push(Span::styled("(not open) ", base.patch(app.theme.dim()))),
    }
    if let Some(r) = found.filter(|r| r.passage_end > r.passage) {
        head.push(Span::styled(
            format!("{} passages · ", r.passage_end - r.passage + 1),
            base.patch(app.theme.dim()),
        ));
    }
    let used: usize = head.iter().map(|s| s.content.width()).sum();
    // An orphan's title is the one recorded in bookmarks.json.
    let title = text::fit(
        &sanitize_line(app.bookmark_title(index)),
        width.saturating_sub(used + age.width()),
    );
    let pad = width.saturating_sub(used + title.width() + age.width());
    head.push(Span::styled(title, base.patch(app.theme.bold())));
    head.push(Span::styled(" ".repeat(pad), base));
    head.push(Span::styled(age, base.patch(app.theme.dim())));

    let mut body = vec![Span::styled("   ", base)];
    if !bookmark.note.is_empty() {
        let note = sanitize_line(&bookmark.note);
        body.push(Span::styled(
            format!("✎ {} · ", text::fit(&note, width / 2)),
            base.patch(app.theme.accent()),
        ));
    }
    let used: usize = body.iter().map(|s| s.content.width()).sum();
    let quote = text::fit(&bookmark.quote_line(), width.saturating_sub(used));
    let pad = width.saturating_sub(used + quote.width());
    body.push(Span::styled(quote, base.patch(app.theme.dim())));
    body.push(Span::styled(" ".repeat(pad), base));
    [Line::from(head), Line::from(body)]
}

/// The whole quote and note of a bookmark that cannot be opened.
pub fn render_quote(app: &App, frame: &mut Frame, area: Rect, index: usize) {
    let Some(bookmark) = app.bookmarks.items.get(index) else {
        return;
    };
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(
            format!(" {} ", sanitize_line(&bookmark.document.title)),
            app.theme.bold(),
        ))
        .title_bottom(Span::styled(" any key goes back ", app.theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = crate::sanitize::sanitize(&bookmark.anchor.exact)
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    if !bookmark.note.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("✎ {}", sanitize_line(&bookmark.note)),
            app.theme.accent(),
        )));
    }
    if let Some(why) = app.why_unopenable(&bookmark.id) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            sanitize_line(&why),
            app.theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
