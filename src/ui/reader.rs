//! The reading view: the open document's visible lines with the passage
//! cursor and bookmark marks in the gutter, the title as the pane's header
//! and the position as a percentage.

use super::{text, theme};
use crate::app::{App, Focus};
use crate::document::{Block as Kind, Document, SpanStyle};
use crate::wrap::Line as Wrapped;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Reader;
    let (Some(index), Some(layout)) = (app.reader.doc, &app.reader.layout) else {
        let block = Block::bordered().border_style(theme::border(false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = if app.docs.is_empty() {
            "Nothing to read."
        } else {
            "No document selected."
        };
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme::dim())
                .alignment(Alignment::Center),
            inner,
        );
        return;
    };
    let doc = &app.docs[index];
    let geometry = crate::layout::reader_area(area, app.measure);
    let height = geometry.text.height as usize;
    let title = text::fit(&doc.title, area.width.saturating_sub(4) as usize);
    let block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Span::styled(format!(" {title} "), theme::bold()))
        .title_bottom(Line::from(format!(" {}% ", app.reader.percent(height))).right_aligned());
    frame.render_widget(block, area);
    if layout.lines.is_empty() {
        let note = Paragraph::new("This document is empty.")
            .style(theme::dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(note, geometry.text);
        return;
    }
    let marks = app.bookmarked_passages(index);
    let selected = app.reader.selected_range();
    let within =
        |range: Option<(usize, usize)>, p: usize| range.is_some_and(|(a, b)| (a..=b).contains(&p));
    let visible = layout.lines.iter().skip(app.reader.top).take(height);
    let mut gutter = Vec::with_capacity(height);
    let mut body = Vec::with_capacity(height);
    for line in visible {
        let on_cursor = line.passage == Some(app.reader.cursor);
        let marked = line.first && line.passage.is_some_and(|p| marks.contains(&p));
        let in_range = line.passage.is_some_and(|p| within(selected, p));
        let bar = match (on_cursor, in_range) {
            (true, _) => Span::styled(
                theme::CURSOR_MARK,
                if focused {
                    theme::accent()
                } else {
                    theme::dim()
                },
            ),
            (false, true) => Span::styled(theme::RANGE_MARK, theme::bookmark()),
            (false, false) => Span::raw(" "),
        };
        gutter.push(Line::from(vec![
            Span::styled(
                if marked { theme::BOOKMARK_MARK } else { " " },
                theme::bookmark(),
            ),
            bar,
        ]));
        let mut text = text_line(doc, line, geometry.text.width as usize);
        if line.passage.is_some_and(|p| within(app.reader.flash, p)) {
            text = text.patch_style(theme::flash());
        }
        body.push(text);
    }
    frame.render_widget(Paragraph::new(gutter), geometry.gutter);
    frame.render_widget(Paragraph::new(body), geometry.text);
}

/// One screen line: prefix (list marker, quote bar) and styled text.
fn text_line(doc: &Document, line: &Wrapped, width: usize) -> Line<'static> {
    let Some(passage) = line.passage.and_then(|p| doc.passages.get(p)) else {
        return Line::default();
    };
    let mut spans = Vec::new();
    let base = match passage.block {
        Kind::Heading(level) => theme::heading(level),
        Kind::Code | Kind::Table => theme::code(),
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
            spans.push(Span::styled(lead, theme::accent()));
        }
        Kind::Quote { depth } => {
            spans.push(Span::styled("│ ".repeat(*depth as usize), theme::dim()))
        }
        Kind::Rule => return Line::from(Span::styled("─".repeat(width), theme::dim())),
        _ => {}
    }
    let shown = &doc.text[line.range.clone()];
    let room = width.saturating_sub(line.indent as usize);
    if matches!(passage.block, Kind::Code | Kind::Table) && shown.width() > room {
        // Preformatted text is clipped, never wrapped; the arrow says so.
        spans.push(Span::styled(text::fit(shown, room.saturating_sub(1)), base));
        spans.push(Span::styled("→", theme::dim()));
        return Line::from(spans);
    }
    spans.extend(styled_runs(doc, line.range.clone(), base));
    Line::from(spans)
}

/// Splits a byte range of the text into spans by the document's styles.
fn styled_runs(doc: &Document, range: std::ops::Range<usize>, base: Style) -> Vec<Span<'static>> {
    let mut cuts = vec![range.start, range.end];
    let relevant: Vec<_> = doc
        .spans
        .iter()
        .filter(|s| s.range.start < range.end && s.range.end > range.start)
        .collect();
    for span in &relevant {
        cuts.push(span.range.start.clamp(range.start, range.end));
        cuts.push(span.range.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| {
            w[0] < w[1] && doc.text.is_char_boundary(w[0]) && doc.text.is_char_boundary(w[1])
        })
        .map(|w| {
            let style = relevant
                .iter()
                .filter(|s| s.range.start <= w[0] && s.range.end >= w[1])
                .fold(base, |acc, s| acc.patch(span_style(s.style)));
            Span::styled(doc.text[w[0]..w[1]].to_string(), style)
        })
        .collect()
}

fn span_style(style: SpanStyle) -> Style {
    match style {
        SpanStyle::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
        SpanStyle::Strong => Style::new().add_modifier(Modifier::BOLD),
        SpanStyle::Code => theme::code(),
        SpanStyle::Link => Style::new().add_modifier(Modifier::UNDERLINED),
        SpanStyle::Strikethrough => Style::new().add_modifier(Modifier::CROSSED_OUT),
        SpanStyle::Dim => theme::dim(),
    }
}
