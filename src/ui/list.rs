//! The document list: one row per result with the title (matched letters
//! highlighted), the site and date where they fit, a bookmark mark and the
//! reading time; while filtering, a second line shows the best matching
//! passage with the matched words.

use super::{text, theme};
use crate::app::{App, Focus};
use crate::document::Document;
use crate::search::Hit;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = matches!(app.focus, Focus::List | Focus::Filter);
    let count = if app.filter.is_empty() {
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
        let message = match (app.docs.is_empty(), app.loading) {
            (true, true) => "Loading…".to_string(),
            (true, false) => match app.problems.iter().rfind(|p| !p.opened) {
                Some(why) => format!("No articles were opened. {why}"),
                None => "No articles were opened.".to_string(),
            },
            (false, _) if app.searching => "Searching…".to_string(),
            (false, _) => format!("Nothing matches “{}”.", app.filter.text),
        };
        // Wrapped: why nothing opened can take a few lines.
        frame.render_widget(
            Paragraph::new(message)
                .style(app.theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let rows = (inner.height as usize / app.row_height()).max(1);
    let lines: Vec<Line> = app
        .hits
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows)
        .flat_map(|(row, hit)| {
            let base = if row == app.selected {
                app.theme.selected(focused)
            } else {
                Style::new()
            };
            let mut lines = vec![title_line(app, hit, base, width)];
            if app.row_height() > 1 {
                lines.push(snippet_line(&app.theme, hit, base, width));
            }
            lines
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Title (with matched characters), bookmark mark and reading time.
fn title_line(app: &App, hit: &Hit, base: Style, width: usize) -> Line<'static> {
    let doc = &app.docs[hit.doc];
    // Unread: the reading time; started: how far; finished: done.
    let minutes = match (app.progress(hit.doc), doc.minutes) {
        (Some((_, true)), _) => "✓ read".to_string(),
        (Some((percent, false)), _) if percent > 0 => format!("{percent}%"),
        // A big file listed before its words are counted.
        _ if !doc.is_measured() => "… min".to_string(),
        (_, 0) => "empty".to_string(),
        (_, minutes) => format!("{minutes} min"),
    };
    let mark = if app.has_bookmarks(hit.doc) {
        theme::BOOKMARK_MARK
    } else {
        " "
    };
    let right = format!(" {mark} {minutes:>6}");
    let room = width.saturating_sub(right.width() + 1);
    let source = source_label(doc, room);
    let source = place_label(&app.places.label(&app.docs, hit.doc), &source, room);
    let title_width = width.saturating_sub(right.width() + source.width() + 1);
    let mut spans = vec![Span::styled(" ", base)];
    spans.extend(text::highlighted(
        app.places.title(doc),
        &hit.title_positions,
        title_width,
        base,
        app.theme.matched(),
    ));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used + source.width() + right.width())),
        base,
    ));
    spans.push(Span::styled(source, base.patch(app.theme.dim())));
    spans.push(Span::styled(
        format!(" {mark}"),
        base.patch(app.theme.bookmark()),
    ));
    spans.push(Span::styled(
        format!(" {minutes:>6}"),
        base.patch(app.theme.dim()),
    ));
    Line::from(spans)
}

/// Columns a title keeps before the site and date are shown beside it.
const TITLE_ROOM: usize = 30;
/// Widest site name shown in the list.
const SITE_COLUMNS: usize = 20;

/// ` site · date` for a row with `room` columns for title and label: the
/// date alone, or nothing, when the title would get too little.
fn source_label(doc: &Document, room: usize) -> String {
    let date = doc.meta.date.as_deref();
    let site = (doc.meta.site.as_deref())
        .filter(|_| !doc.meta.site_from_titles)
        .map(|s| text::fit(s, SITE_COLUMNS));
    let both = match (site.as_deref(), date) {
        (Some(site), Some(date)) => Some(format!(" {site} · {date}")),
        (Some(one), None) | (None, Some(one)) => Some(format!(" {one}")),
        (None, None) => None,
    };
    let date_only = date.map(|d| format!(" {d}"));
    [both, date_only]
        .into_iter()
        .flatten()
        .find(|label| label.width() + TITLE_ROOM <= room)
        .unwrap_or_default()
}

/// Widest place shown in the list; a longer one keeps its end (`…/deep/er`).
const PLACE_COLUMNS: usize = 24;
/// Columns a title keeps beside its place: the place tells namesakes
/// apart, so it is worth more of a narrow list than the site and date.
const TITLE_ROOM_BESIDE_PLACE: usize = 14;

/// The place (folder, or the end of the path that tells namesakes apart)
/// before `source` (site and date), when the title keeps its room; at
/// most two fifths of the row.
fn place_label(place: &str, source: &str, room: usize) -> String {
    if place.is_empty() {
        return source.to_string();
    }
    let place = text::fit_start(place, PLACE_COLUMNS.min(room * 2 / 5));
    let with = format!(" {place}{source}");
    if with.width() + TITLE_ROOM_BESIDE_PLACE <= room {
        with
    } else if place.width() + 1 + TITLE_ROOM_BESIDE_PLACE <= room {
        format!(" {place}")
    } else {
        source.to_string()
    }
}

/// Why the document matched: the best passage's snippet with the matched
/// words highlighted and how many passages match, or "title match".
fn snippet_line(theme: &Theme, hit: &Hit, base: Style, width: usize) -> Line<'static> {
    let count = match hit.passage_matches {
        0 | 1 => String::new(),
        n if width >= 45 => format!(" {n} passages"),
        n => format!(" {n}¶"),
    };
    let room = width.saturating_sub(3 + count.width());
    let mut spans = vec![Span::styled("   ", base)];
    match &hit.snippet {
        Some(snippet) => {
            let chars: Vec<usize> = snippet
                .text
                .char_indices()
                .enumerate()
                .filter(|(_, (byte, _))| snippet.highlights.iter().any(|h| h.contains(byte)))
                .map(|(i, _)| i)
                .collect();
            spans.extend(text::highlighted(
                &snippet.text,
                &chars,
                room,
                base.patch(theme.dim()),
                theme.matched(),
            ));
        }
        // A query of only exclusions matches no title: nothing to say.
        None if hit.title_positions.is_empty() => {}
        None => spans.push(Span::styled(
            text::fit("title match", room),
            base.patch(theme.dim()),
        )),
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used + count.width())),
        base,
    ));
    spans.push(Span::styled(count, base.patch(theme.dim())));
    Line::from(spans)
}
