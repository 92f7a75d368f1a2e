//! The help overlay: every binding of the active keymap, grouped by mode.
//! Generated from the same table that handles input, so it cannot lie.

use super::theme;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Width of the keys column.
const KEYS_COLUMN: usize = 20;

/// What can be typed into the filter line.
const QUERY_SYNTAX: &[(&str, &str)] = &[
    ("other keys", "Type the query; the list narrows as you type"),
    ("wechat pay", "Every word must match the title or the text"),
    ("\"red envelope\"", "An exact phrase"),
    ("-alipay", "Leave out documents containing a word"),
    (
        "WeChat",
        "An uppercase letter makes that word case-sensitive",
    ),
    ("微信", "Chinese, Japanese and Korean match anywhere"),
];

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
        lines.push(Line::from(Span::styled(mode.title(), theme::heading(1))));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            let keys = format!("  {:<width$}", keys.join(", "), width = KEYS_COLUMN);
            lines.push(Line::from(vec![
                Span::styled(keys, theme::accent()),
                Span::raw(b.description),
            ]));
        }
        if mode == Mode::Filter {
            for (example, meaning) in QUERY_SYNTAX {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  {example:<width$}", width = KEYS_COLUMN),
                        theme::accent(),
                    ),
                    Span::raw(*meaning),
                ]));
            }
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
        .border_style(theme::accent())
        .title(Span::styled(" Keys ", theme::bold()))
        .title_bottom(Line::from(footer).right_aligned());
    let inner = block.inner(area);
    let all = lines(app);
    let scroll = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(all).scroll((scroll as u16, 0)), inner);
}
