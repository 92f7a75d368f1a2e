//! The status bar: the current message (wrapped over the rows above when
//! it is longer than the bar), or the focused pane's main keys (taken from
//! the keymap, so they are always the keys actually bound).

use super::text;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let Some(status) = &app.status else {
        frame.render_widget(Paragraph::new(hints(app, width)), area);
        return;
    };
    let style = if status.error {
        app.theme.error()
    } else {
        app.theme.info()
    };
    // Messages quote file names, stored titles and error text.
    let shown = crate::sanitize::sanitize_line(&status.text);
    if crate::sanitize::columns(&shown) <= width || width == 0 {
        frame.render_widget(Paragraph::new(Span::styled(shown, style)), area);
        return;
    }
    // A long message (a save that failed names the file and what to do)
    // is read whole: it grows upwards over the panes while it shows.
    let rows = usize::from((area.y + 1).min(MAX_ROWS));
    let mut wrapped: Vec<String> = textwrap::wrap(&shown, width)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if wrapped.len() > rows {
        // More than fits: the last row ends in an ellipsis.
        let rest = wrapped.split_off(rows).join(" ");
        if let Some(last) = wrapped.last_mut() {
            *last = text::fit(&format!("{last} {rest}"), width);
        }
    }
    let lines: Vec<Line> = wrapped
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect();
    let height = lines.len() as u16;
    let block = Rect {
        y: area.y + 1 - height,
        height,
        ..area
    };
    frame.render_widget(Clear, block);
    frame.render_widget(Paragraph::new(lines), block);
}

/// The most rows a long message takes.
const MAX_ROWS: u16 = 6;

/// The keys to show: those of the mode, or while passages are being
/// selected in the reading view, what the selection is for.
fn mode_hints(app: &App) -> Vec<(Action, String, &'static str)> {
    let mode = app.mode();
    if mode != Mode::Reader || app.reader.selection.is_none() {
        return app.keymap.hint_actions(mode);
    }
    [
        (Action::NextPassage, "extend"),
        (Action::ToggleBookmark, "bookmark range"),
        (Action::EditNote, "note"),
        (Action::CopyPassage, "copy"),
        (Action::SelectRange, "cancel"),
    ]
    .into_iter()
    .filter_map(|(action, label)| {
        let keys = app.keymap.keys_for(Mode::Reader, action.clone());
        let first = keys.split('/').next().filter(|k| !k.is_empty())?;
        Some((action, first.to_string(), label))
    })
    .collect()
}

/// "key label  key label …", as many as fit: the way to help and the
/// way out are kept, and the others are dropped from the least important
/// (the last in the list) first.
fn hints(app: &App, width: usize) -> Line<'static> {
    let all = mode_hints(app);
    let cost = |key: &str, label: &str| 2 + key.width() + 1 + label.width();
    let essential = |a: &Action| matches!(a, Action::ToggleHelp | Action::Quit);
    // Each hint is counted with the two spaces before it; the first has
    // none, hence the two columns of slack.
    let room = width + 2;
    let mut used = 0;
    let mut keep = vec![false; all.len()];
    for (i, (action, key, label)) in all.iter().enumerate() {
        if essential(action) && used + cost(key, label) <= room {
            keep[i] = true;
            used += cost(key, label);
        }
    }
    for (i, (action, key, label)) in all.iter().enumerate() {
        if essential(action) {
            continue;
        }
        if used + cost(key, label) > room {
            break;
        }
        keep[i] = true;
        used += cost(key, label);
    }
    let mut spans = Vec::new();
    for (i, (_, key, label)) in all.into_iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, app.theme.accent()));
        spans.push(Span::styled(format!(" {label}"), app.theme.dim()));
    }
    Line::from(spans)
}
