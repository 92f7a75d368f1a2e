//! The reading view: the open document's visible lines with the passage
//! cursor and bookmark marks in the gutter, the title as the pane's header
//! with the byline (author · site · date) beside it, and the position as a
//! percentage.

use super::{blocks, text, theme};
use crate::app::{App, Focus};
use crate::document::{Block as Kind, Document, SpanStyle};
use crate::note_rows::Row;
use crate::ui::theme::Theme;
use crate::wrap::Line as Wrapped;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Narrowest room, in columns, a byline is shown in (cut with an ellipsis).
const BYLINE_MIN: usize = 12;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Reader;
    let (Some(id), Some(layout)) = (app.reader.doc, &app.reader.layout) else {
        let block = Block::bordered().border_style(app.theme.border(false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = match (app.docs.is_empty(), app.loading) {
            (true, true) => "Loading…",
            (true, false) => "Nothing to read.",
            _ => "No document selected.",
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(app.theme.dim())
                .alignment(Alignment::Center),
            inner,
        );
        return;
    };
    let doc = &app.docs[id];
    let geometry = crate::layout::reader_area(area, app.measure);
    let height = geometry.text.height as usize;
    let title = text::fit(app.places.title(doc), area.width.saturating_sub(4) as usize);
    let position = position_label(app, height);
    let mut block = Block::bordered()
        .border_style(app.theme.border(focused))
        .title(Span::styled(format!(" {title} "), app.theme.bold()))
        .title_bottom(Line::from(position.clone()).right_aligned());
    if let Some(byline) = header(doc) {
        // Beside the title when it fits there, else along the bottom: the
        // text's own lines and scrolling stay as they are.
        let border = area.width.saturating_sub(2) as usize;
        let top_room = border.saturating_sub(title.width() + 4);
        let (room, on_top) = if top_room >= byline.width().min(BYLINE_MIN) {
            (top_room, true)
        } else {
            (border.saturating_sub(position.width() + 2), false)
        };
        if room >= BYLINE_MIN.min(byline.width()) {
            let line = Line::from(Span::styled(
                format!(" {} ", text::fit(&byline, room.saturating_sub(2))),
                app.theme.dim(),
            ));
            block = if on_top {
                block.title(line.right_aligned())
            } else {
                block.title_bottom(line.left_aligned())
            };
        }
    }
    frame.render_widget(block, area);
    if layout.lines.is_empty() {
        let note = Paragraph::new("This document is empty.")
            .style(app.theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(note, geometry.text);
        return;
    }
    let marks = app.bookmarked_passages(id);
    let highlights = Highlights {
        matches: &app.reader.matches,
        current: app.reader.current,
    };
    let selected = app.reader.selected_range();
    let within =
        |range: Option<(usize, usize)>, p: usize| range.is_some_and(|(a, b)| (a..=b).contains(&p));
    let notes = crate::note_rows::notes(app);
    let rows = crate::note_rows::rows(
        &layout.lines,
        app.reader.top,
        height,
        app.reader.cursor,
        &notes,
    );
    let mut gutter = Vec::with_capacity(height);
    let mut body = Vec::with_capacity(height);
    // Code and table lines, drawn where their block is placed.
    let mut block_rows = Vec::new();
    for (row, entry) in rows.into_iter().enumerate() {
        let line = match entry {
            Row::Text(at) => &layout.lines[at],
            Row::Note(note) => {
                gutter.push(Line::default());
                body.push(note_line(app, &note, geometry.text.width as usize));
                continue;
            }
        };
        let on_cursor = line.passage == Some(app.reader.cursor);
        let marked = line.first && line.passage.is_some_and(|p| marks.contains(&p));
        let in_range = line.passage.is_some_and(|p| within(selected, p));
        let bar = match (on_cursor, in_range) {
            (true, _) => Span::styled(
                theme::CURSOR_MARK,
                if focused {
                    app.theme.accent()
                } else {
                    app.theme.dim()
                },
            ),
            (false, true) => Span::styled(theme::RANGE_MARK, app.theme.bookmark()),
            (false, false) => Span::raw(" "),
        };
        gutter.push(Line::from(vec![
            Span::styled(
                if marked { theme::BOOKMARK_MARK } else { " " },
                app.theme.bookmark(),
            ),
            bar,
        ]));
        let block = (!line.fold)
            .then(|| block_line(app, doc, line, &geometry, &highlights))
            .flatten();
        let mut text = if line.fold {
            fold_line(app, doc, line, geometry.text.width as usize)
        } else if let Some((_, text)) = &block {
            text.clone()
        } else {
            text_line(
                &app.theme,
                doc,
                line,
                geometry.text.width as usize,
                &highlights,
            )
        };
        if line.passage.is_some_and(|p| within(app.reader.flash, p)) {
            text = text.patch_style(app.theme.flash());
        }
        match block {
            Some((x, _)) => {
                let marks = gutter.last().cloned().unwrap_or_default();
                block_rows.push((row as u16, x, text, marks));
                body.push(Line::default());
            }
            None => body.push(text),
        }
    }
    frame.render_widget(Paragraph::new(gutter), geometry.gutter);
    frame.render_widget(Paragraph::new(body), geometry.text);
    draw_block_rows(frame, &geometry, block_rows);
}

/// The placement and text of a code or table line; None for prose.
fn block_line(
    app: &App,
    doc: &Document,
    line: &Wrapped,
    geometry: &crate::layout::ReaderArea,
    highlights: &Highlights,
) -> Option<(u16, Line<'static>)> {
    let (index, layout) = (line.passage?, app.reader.layout.as_ref()?);
    let passage = doc.passages.get(index)?;
    if !matches!(passage.block, Kind::Code | Kind::Table) {
        return None;
    }
    let block_columns = layout.block_columns(index);
    let (x, width) = blocks::placement(geometry, block_columns);
    let runs = |range| styled_runs(&app.theme, doc, range, app.theme.code(), highlights);
    let table_row = layout
        .table_row(line.range.start)
        .filter(|_| passage.block == Kind::Table);
    let spans = match table_row {
        Some(row) => blocks::table_line(&app.theme, row, runs),
        None => runs(line.range.clone()),
    };
    let scrolled = layout.blocks.scroll && block_columns > width as usize;
    let shown = blocks::Shown {
        skip: if scrolled { app.reader.hscroll } else { 0 },
        width: width as usize,
        continuation: !layout.blocks.scroll
            && table_row.is_none()
            && crate::wrap::is_continuation(&doc.text, passage.range.start, line.range.start),
    };
    Some((x, blocks::fit(&app.theme, spans, &shown)))
}

/// Draws code and table lines at their block's place, each with the
/// gutter marks of its row beside it.
fn draw_block_rows(
    frame: &mut Frame,
    geometry: &crate::layout::ReaderArea,
    rows: Vec<(u16, u16, Line<'static>, Line<'static>)>,
) {
    let right = geometry.wide.x + geometry.wide.width;
    for (row, x, text, marks) in rows {
        let y = geometry.text.y + row;
        let area = Rect::new(x, y, right.saturating_sub(x), 1);
        frame.render_widget(Clear, area);
        frame.render_widget(text, area);
        if x < geometry.gutter.x + geometry.gutter.width {
            let gutter = Rect::new(
                x.saturating_sub(geometry.gutter.width),
                y,
                geometry.gutter.width,
                1,
            );
            frame.render_widget(Clear, gutter);
            frame.render_widget(marks, gutter);
        }
    }
}

/// The dim line standing for folded page furniture: what and how much,
/// and the key that shows it.
fn fold_line(app: &App, doc: &Document, line: &Wrapped, width: usize) -> Line<'static> {
    let summary = line
        .passage
        .and_then(|p| doc.fold_summary(p))
        .unwrap_or_else(|| "page furniture".to_string());
    let key = app.keymap.keys_for(
        crate::keymap::Mode::Reader,
        crate::action::Action::ToggleWholePage,
    );
    let hint = if key.is_empty() {
        String::new()
    } else {
        format!(" · {key} shows the whole page")
    };
    // In a narrow pane the list of kinds gives way before the key hint.
    let room = width.saturating_sub(hint.width() + 2);
    let label = if room >= 20 {
        format!("⋯ {}{hint}", text::fit(&summary, room))
    } else {
        text::fit(&format!("⋯ {summary}{hint}"), width)
    };
    Line::from(Span::styled(label, app.theme.dim()))
}

/// A note drawn dim under its passage, on one line.
fn note_line(app: &App, note: &str, width: usize) -> Line<'static> {
    // Notes come from bookmarks.json: untrusted like an article.
    let shown = text::fit(
        &format!("✎ {}", crate::sanitize::sanitize_line(note)),
        width,
    );
    Line::from(Span::styled(
        shown,
        app.theme.dim().add_modifier(Modifier::ITALIC),
    ))
}

/// The bottom-right label: the match counter when searching, and how far
/// through the document the screen is.
fn position_label(app: &App, height: usize) -> String {
    let percent = app.reader.percent(height);
    let more = if app.reader.more_matches { "+" } else { "" };
    match (app.reader.matches.len(), app.reader.current) {
        (0, _) => format!(" {percent}% "),
        (n, Some(i)) => format!(" match {}/{n}{more} · {percent}% ", i + 1),
        (n, None) => format!(" {n}{more} matches · {percent}% "),
    }
}

/// One screen line: prefix (list marker, quote bar) and styled text.
fn text_line(
    theme: &Theme,
    doc: &Document,
    line: &Wrapped,
    width: usize,
    highlights: &Highlights,
) -> Line<'static> {
    let Some(passage) = line.passage.and_then(|p| doc.passages.get(p)) else {
        return Line::default();
    };
    let mut spans = Vec::new();
    let base = match passage.block {
        Kind::Heading(level) => theme.heading(level),
        Kind::Code | Kind::Table => theme.code(),
        Kind::Quote { .. } => Style::new().add_modifier(Modifier::ITALIC),
        _ => Style::new(),
    };
    match &passage.block {
        Kind::ListItem { depth, marker } => {
            let pad = " ".repeat(2 * *depth as usize);
            let lead = if line.first {
                format!("{pad}{marker} ")
            } else {
                String::new()
            };
            let lead = format!("{lead:<width$}", width = line.indent as usize);
            spans.push(Span::styled(lead, theme.accent()));
        }
        Kind::Quote { depth } => {
            spans.push(Span::styled("│ ".repeat(*depth as usize), theme.dim()))
        }
        Kind::Rule => return Line::from(Span::styled("─".repeat(width), theme.dim())),
        _ => {}
    }
    spans.extend(styled_runs(
        theme,
        doc,
        line.range.clone(),
        base,
        highlights,
    ));
    Line::from(spans)
}

/// Search matches to draw over the text, and the one `n`/`N` is on.
struct Highlights<'a> {
    matches: &'a [std::ops::Range<usize>],
    current: Option<usize>,
}

impl Highlights<'_> {
    /// The matches overlapping `range`, with their index.
    fn within(
        &self,
        range: &std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &std::ops::Range<usize>)> {
        let first = self.matches.partition_point(|m| m.end <= range.start);
        self.matches[first..]
            .iter()
            .enumerate()
            .map(move |(i, m)| (first + i, m))
            .take_while(move |(_, m)| m.start < range.end)
    }
}

/// Splits a byte range of the text into spans by the document's styles.
fn styled_runs(
    theme: &Theme,
    doc: &Document,
    range: std::ops::Range<usize>,
    base: Style,
    highlights: &Highlights,
) -> Vec<Span<'static>> {
    let mut cuts = vec![range.start, range.end];
    let hits: Vec<(usize, &std::ops::Range<usize>)> = highlights.within(&range).collect();
    for (_, m) in &hits {
        cuts.push(m.start.clamp(range.start, range.end));
        cuts.push(m.end.clamp(range.start, range.end));
    }
    let relevant: Vec<_> = doc
        .spans
        .iter()
        .filter(|s| s.range().start < range.end && s.range().end > range.start)
        .collect();
    for span in &relevant {
        cuts.push(span.range().start.clamp(range.start, range.end));
        cuts.push(span.range().end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| {
            w[0] < w[1] && doc.text.is_char_boundary(w[0]) && doc.text.is_char_boundary(w[1])
        })
        .map(|w| {
            let mut style = relevant
                .iter()
                .filter(|s| s.range().start <= w[0] && s.range().end >= w[1])
                .fold(base, |acc, s| acc.patch(span_style(theme, s.style)));
            if let Some((i, _)) = hits.iter().find(|(_, m)| m.start <= w[0] && m.end >= w[1]) {
                let current = highlights.current == Some(*i);
                style = style.patch(if current {
                    theme.current_match()
                } else {
                    theme.matched()
                });
            }
            Span::styled(doc.text[w[0]..w[1]].to_string(), style)
        })
        .collect()
}

fn span_style(theme: &Theme, style: SpanStyle) -> Style {
    match style {
        SpanStyle::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
        SpanStyle::Strong => Style::new().add_modifier(Modifier::BOLD),
        SpanStyle::Code => theme.code(),
        SpanStyle::Link => Style::new().add_modifier(Modifier::UNDERLINED),
        SpanStyle::Strikethrough => Style::new().add_modifier(Modifier::CROSSED_OUT),
        SpanStyle::Dim => theme.dim(),
    }
}

/// The byline and where the document lives (its address, else its file),
/// for the pane's border.
fn header(doc: &crate::document::Document) -> Option<String> {
    let location = doc.meta.url.clone().or_else(|| match &doc.source {
        crate::document::Source::File(_) => Some(doc.source.display_path()),
        _ => None,
    });
    let parts: Vec<String> = doc.meta.header().into_iter().chain(location).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}
