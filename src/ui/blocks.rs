//! Where code and table lines go in the reading view and what of them is
//! drawn: a block wider than the prose measure takes the pane's width
//! (shifted left only as far as it needs), wrapped lines carry a
//! continuation mark, and with side scrolling a line shows from the
//! scrolled-to column with arrows where it runs on out of sight.

use crate::layout::ReaderArea;
use crate::markup::table::{COLUMN_SEPARATOR as SEPARATOR, RULE_SEPARATOR};
use crate::sanitize::columns;
use crate::ui::theme::Theme;
use crate::wrap::CONTINUATION;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Drawn at the edge where a scrolled line runs on out of sight.
const MORE_LEFT: &str = "←";
const MORE_RIGHT: &str = "→";

/// The left column and the width of a block `columns` wide: at the prose's
/// left edge while it fits there, else moved left just enough, and never
/// wider than the pane's room.
pub fn placement(area: &ReaderArea, columns: usize) -> (u16, u16) {
    let (text, wide) = (area.text, area.wide);
    let right = wide.x + wide.width;
    let need = u16::try_from(columns).unwrap_or(u16::MAX).max(text.width);
    let x = text.x.min(right.saturating_sub(need)).max(wide.x);
    (x, right - x)
}

/// How one block line is drawn.
pub struct Shown {
    /// Columns of the line scrolled out on the left.
    pub skip: usize,
    /// Columns there is room for.
    pub width: usize,
    /// True when the line continues a wrapped source line.
    pub continuation: bool,
}

/// `spans` (one screen line of a block, styled) cut to what `shown` says,
/// with a continuation mark or scroll arrows.
pub fn fit(theme: &Theme, spans: Vec<Span<'static>>, shown: &Shown) -> Line<'static> {
    let mut out = Vec::new();
    let mut room = shown.width;
    if shown.continuation {
        out.push(Span::styled(CONTINUATION, theme.dim()));
        room = room.saturating_sub(columns(CONTINUATION));
    }
    let total: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let left = shown.skip > 0 && total > 0;
    let right = total.saturating_sub(shown.skip) > room;
    if left {
        out.push(Span::styled(MORE_LEFT, theme.dim()));
        room = room.saturating_sub(1);
    }
    let keep = if right { room.saturating_sub(1) } else { room };
    // A column hidden under the left arrow is shown one step back.
    let from = shown.skip + usize::from(left);
    out.extend(slice(spans, from, keep));
    if right {
        out.push(Span::styled(MORE_RIGHT, theme.dim()));
    }
    Line::from(out)
}

/// A screen line of a table with wrapped cells: each column's piece of
/// text styled by `runs`, padded to the column's width, between separators
/// (the header's rule is drawn on in its own style).
pub fn table_line(
    theme: &Theme,
    row: &[(Range<usize>, usize)],
    runs: impl Fn(Range<usize>) -> Vec<Span<'static>>,
) -> Vec<Span<'static>> {
    let cells: Vec<Vec<Span<'static>>> = row
        .iter()
        .map(|(range, _)| {
            if range.is_empty() {
                Vec::new()
            } else {
                runs(range.clone())
            }
        })
        .collect();
    let rule = cells
        .iter()
        .flatten()
        .all(|s| s.content.chars().all(|c| c == '─'));
    let (fill, separator) = if rule {
        ("─", RULE_SEPARATOR)
    } else {
        (" ", SEPARATOR)
    };
    let mut out = Vec::new();
    for (i, (spans, (_, width))) in cells.into_iter().zip(row).enumerate() {
        if i > 0 {
            out.push(Span::styled(separator, theme.dim()));
        }
        let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
        out.extend(spans);
        if rule || i + 1 < row.len() {
            out.push(Span::styled(
                fill.repeat(width.saturating_sub(used)),
                theme.code(),
            ));
        }
    }
    out
}

/// The graphemes of `spans` from column `from`, `width` columns of them; a
/// double-width character cut by either edge is left out whole.
fn slice(spans: Vec<Span<'static>>, from: usize, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for span in spans {
        let mut kept = String::new();
        for g in span.content.graphemes(true) {
            let w = columns(g);
            if at >= from && at + w <= from + width {
                kept.push_str(g);
            }
            at += w;
        }
        if !kept.is_empty() {
            out.push(Span::styled(kept, span.style));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wrap::blocks::max_scroll;
    use ratatui::layout::Rect;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    fn shown(skip: usize, width: usize, continuation: bool) -> Shown {
        Shown {
            skip,
            width,
            continuation,
        }
    }

    #[test]
    fn a_block_stays_at_the_prose_edge_while_it_fits() {
        let area = ReaderArea {
            gutter: Rect::new(57, 1, 3, 20),
            text: Rect::new(60, 1, 80, 20),
            wide: Rect::new(4, 1, 195, 20),
        };
        assert_eq!(placement(&area, 40), (60, 139));
        assert_eq!(placement(&area, 150), (49, 150));
        assert_eq!(placement(&area, 400), (4, 195));
    }

    #[test]
    fn scrolled_lines_say_where_they_run_on() {
        let theme = Theme::default();
        let spans = vec![Span::raw("0123456789")];
        assert_eq!(
            text(&fit(&theme, spans.clone(), &shown(0, 6, false))),
            "01234→"
        );
        assert_eq!(
            text(&fit(&theme, spans.clone(), &shown(3, 6, false))),
            "←4567→"
        );
        assert_eq!(
            text(&fit(&theme, spans.clone(), &shown(5, 6, false))),
            "←6789"
        );
        assert_eq!(
            text(&fit(&theme, spans, &shown(0, 12, true))),
            "↪ 0123456789"
        );
    }

    #[test]
    fn every_column_is_reachable_by_scrolling() {
        let theme = Theme::default();
        let line: String = ('a'..='z').collect();
        let width = 7;
        let mut seen = std::collections::BTreeSet::new();
        for skip in 0..=max_scroll(26, width) {
            let shown = text(&fit(
                &theme,
                vec![Span::raw(line.clone())],
                &shown(skip, width, false),
            ));
            seen.extend(shown.chars().filter(char::is_ascii_lowercase));
        }
        assert_eq!(seen.len(), 26);
    }
}
