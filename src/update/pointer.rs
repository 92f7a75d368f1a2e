//! The mouse: the wheel scrolls the pane under the pointer, a click selects
//! a list row or focuses a pane (and moves the passage cursor), and a drag
//! on the divider between the panes resizes them.

use super::{move_selection, relayout};
use crate::action::{Effect, MouseKind};
use crate::app::{App, Focus, Overlay};
use ratatui::layout::{Position, Rect};

/// Lines the wheel scrolls.
const WHEEL: isize = 3;

pub fn mouse(app: &mut App, kind: MouseKind, column: u16, row: u16) -> Option<Effect> {
    if app.overlay != Overlay::None || app.input.is_some() {
        return None;
    }
    let panes = app.panes()?;
    let at = Position::new(column, row);
    let inside = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
    if app.dragging || (kind == MouseKind::Press && on_divider(panes.list, column, row)) {
        return drag(app, kind, column);
    }
    match kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let delta = if kind == MouseKind::ScrollUp {
                -WHEEL
            } else {
                WHEEL
            };
            if inside(panes.list) {
                move_selection(app, delta);
            } else if inside(panes.reader) {
                let (_, height) = app.reader_size();
                app.reader.scroll(delta, height);
            }
        }
        MouseKind::Press if inside(panes.list) => {
            let list = panes.list?;
            let offset = (row.saturating_sub(list.y + 1) as usize) / app.row_height();
            let target = app.list_offset + offset;
            if target < app.hits.len() {
                app.selected = target;
                app.selection_moved = true;
                app.clamp_selection();
                app.preview_selected();
            }
            app.focus = Focus::List;
        }
        MouseKind::Press if inside(panes.reader) && app.reader.doc.is_some() => {
            app.focus = Focus::Reader;
            let text = app.reader_area().text;
            // Rows, not lines: a note under a passage takes a row.
            let rows = crate::note_rows::on_screen(app);
            let line = match rows.get(row.saturating_sub(text.y) as usize) {
                Some(crate::note_rows::Row::Text(line)) => Some(*line),
                _ => None,
            };
            let passage = app
                .reader
                .layout
                .as_ref()
                .zip(line)
                .and_then(|(l, line)| l.lines.get(line))
                .and_then(|l| l.passage);
            if let Some(passage) = passage {
                app.reader.cursor = passage;
            }
        }
        _ => {}
    }
    None
}

/// The list's right border is the divider.
fn on_divider(list: Option<Rect>, column: u16, row: u16) -> bool {
    list.is_some_and(|l| column + 1 == l.right() && row >= l.y && row < l.bottom())
}

fn drag(app: &mut App, kind: MouseKind, column: u16) -> Option<Effect> {
    match kind {
        MouseKind::Press | MouseKind::Drag => {
            app.dragging = true;
            let width = app.size.0.max(1);
            let range = crate::layout::LIST_PERCENT;
            app.split.list_percent =
                ((column + 1) * 100 / width).clamp(*range.start(), *range.end());
            relayout(app);
            None
        }
        MouseKind::Release => {
            app.dragging = false;
            Some(Effect::SaveLayout)
        }
        _ => None,
    }
}
