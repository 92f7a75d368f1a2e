//! The help overlay: every binding of the active keymap, grouped by mode.
//! Generated from the same table that handles input, so it cannot lie, and
//! filterable (`/`) by key or description so it is usable on small screens.

use crate::action::Action;
use crate::app::{App, Overlay};
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The keys column is as wide as its longest entry, up to this; a longer
/// entry pushes its description along, always two spaces after it.
const KEYS_COLUMN_MAX: usize = 28;
/// A description gets at least this many columns, however narrow the
/// window: fewer would stack one word a line.
const MIN_DESCRIPTION: usize = 16;

/// The overlay's filter, lowercased ("" when none).
fn query(app: &App) -> String {
    match &app.overlay {
        Overlay::Help { query, .. } => query.to_lowercase(),
        _ => String::new(),
    }
}

/// The overlay's widest width, in columns.
pub const WIDTH: u16 = 76;

/// The help text as the overlay shows it in the app's window.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let inner = super::popup(app.area(), WIDTH).width.saturating_sub(2);
    lines_at(app, inner as usize)
}

/// The help text at `width` columns, narrowed by the overlay's filter;
/// a description too long for its column wraps under itself.
fn lines_at(app: &App, width: usize) -> Vec<Line<'static>> {
    let query = query(app);
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut sections = Vec::new();
    for mode in Mode::ALL {
        let mut rows: Vec<(String, &'static str)> = app
            .keymap
            .bindings(mode)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.join(", ")
                };
                (keys, b.description)
            })
            .collect();
        if mode == Mode::Filter {
            rows.push((
                "other keys".to_string(),
                "Type into the filter; every word must match the title",
            ));
        }
        rows.retain(|(keys, description)| {
            let text = format!("{keys} {description}").to_lowercase();
            words.iter().all(|w| text.contains(w))
        });
        if !rows.is_empty() {
            sections.push((mode, rows));
        }
    }
    let column = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(keys, _)| keys.width()))
        .max()
        .unwrap_or(0)
        .min(KEYS_COLUMN_MAX);
    let mut lines = Vec::new();
    for (mode, rows) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(mode.title(), app.theme.heading(1))));
        for (keys, description) in rows {
            let pad = column.saturating_sub(keys.width()) + 2;
            let lead = format!("  {keys}{}", " ".repeat(pad));
            let room = width.saturating_sub(lead.width()).max(MIN_DESCRIPTION);
            let mut parts = textwrap::wrap(description, room).into_iter();
            let first = parts.next().map(|p| p.into_owned()).unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(lead, app.theme.accent()),
                Span::raw(first),
            ]));
            let indent = " ".repeat(2 + column + 2);
            let room = width.saturating_sub(indent.len()).max(MIN_DESCRIPTION);
            let rest = parts.map(|p| p.into_owned()).collect::<Vec<_>>().join(" ");
            for part in textwrap::wrap(&rest, room)
                .into_iter()
                .filter(|p| !p.is_empty())
            {
                lines.push(Line::from(vec![
                    Span::raw(indent.clone()),
                    Span::raw(part.into_owned()),
                ]));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("No key or description holds \"{query}\""),
            app.theme.dim(),
        )));
    }
    lines
}

/// How many lines the help has (for scrolling).
pub fn line_count(app: &App) -> usize {
    lines(app).len()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let keys = |action| app.keymap.keys_for(Mode::Help, action);
    let footer = format!(
        " {} scroll · {} filter · {} close ",
        keys(Action::MoveDown),
        keys(Action::FocusFilter),
        keys(Action::CloseOverlay)
    );
    let query = query(app);
    let title = if query.is_empty() {
        " Keys ".to_string()
    } else {
        format!(" Keys matching \"{query}\" ")
    };
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(title, app.theme.bold()))
        .title_bottom(Line::from(footer).right_aligned());
    let inner = block.inner(area);
    let all = lines_at(app, inner.width as usize);
    let scroll = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(all).scroll((scroll as u16, 0)), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Bookmarks;
    use crate::keymap::{Key, Keymap, Override};

    /// The keys and description of each entry line.
    fn entries(app: &App) -> Vec<(String, String)> {
        lines(app)
            .iter()
            .filter(|l| l.spans.len() == 2)
            .map(|l| {
                (
                    l.spans[0].content.to_string(),
                    l.spans[1].content.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn descriptions_line_up_and_never_touch_their_keys() {
        let mut app = App::new(Vec::new(), Vec::new(), Bookmarks::default());
        let shown = entries(&app);
        assert!(shown.len() > 20);
        let width = shown[0].0.width();
        assert!(
            shown
                .iter()
                .all(|(keys, _)| keys.width() == width && keys.ends_with("  "))
        );
        // Many keys on one action: the column widens, up to a limit, and
        // a longer entry still keeps two spaces before its description.
        let keys: Vec<Key> = [
            "a", "c", "d", "e", "f", "i", "n", "o", "p", "r", "s", "t", "u",
        ]
        .iter()
        .map(|k| Key::parse(k).unwrap())
        .collect();
        app.keymap = Keymap::with_overrides(&[Override {
            mode: Mode::List,
            action: Action::Quit,
            keys,
        }]);
        let shown = entries(&app);
        let quit = shown.iter().find(|(_, d)| d == "Quit quire").unwrap();
        assert!(
            quit.0.starts_with("  a, c, d") && quit.0.ends_with("u  "),
            "{quit:?}"
        );
        let others = shown.iter().filter(|(_, d)| d != "Quit quire");
        assert!(
            others
                .clone()
                .all(|(keys, _)| keys.width() == 2 + KEYS_COLUMN_MAX + 2)
        );
        assert!(others.count() > 20);
    }
}
