//! The help overlay: every binding of the active keymap, grouped by mode.
//! Generated from the same table that handles input, so it cannot lie.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Width of the keys column.
const KEYS_COLUMN: usize = 20;

/// The help text, one entry per line.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        let bindings: Vec<_> = app.keymap.bindings(mode).collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(mode.title(), app.theme.heading(1))));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            let keys = format!("  {:<width$}", keys.join(", "), width = KEYS_COLUMN);
            lines.push(Line::from(vec![
                Span::styled(keys, app.theme.accent()),
                Span::raw(b.description),
            ]));
        }
        if mode == Mode::Filter {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<width$}", "other keys", width = KEYS_COLUMN),
                    app.theme.accent(),
                ),
                Span::raw("Type into the filter; every word must match the title"),
            ]));
        }
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
        " {} scroll · {} close ",
        keys(Action::MoveDown),
        keys(Action::CloseOverlay)
    );
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(Span::styled(" Keys ", app.theme.bold()))
        .title_bottom(Line::from(footer).right_aligned());
    let inner = block.inner(area);
    let all = lines(app);
    let scroll = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(all).scroll((scroll as u16, 0)), inner);
}
