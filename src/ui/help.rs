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

/// Width of the keys column.
const KEYS_COLUMN: usize = 20;

/// The overlay's filter, lowercased ("" when none).
fn query(app: &App) -> String {
    match &app.overlay {
        Overlay::Help { query, .. } => query.to_lowercase(),
        _ => String::new(),
    }
}

/// The help text, one entry per line, narrowed by the overlay's filter.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let query = query(app);
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut lines = Vec::new();
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
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(mode.title(), app.theme.heading(1))));
        for (keys, description) in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<width$}", width = KEYS_COLUMN),
                    app.theme.accent(),
                ),
                Span::raw(description),
            ]));
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
    let all = lines(app);
    let scroll = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(all).scroll((scroll as u16, 0)), inner);
}
