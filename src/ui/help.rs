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

/// The overlay's filter, lowercased ("" when none).
fn query(app: &App) -> String {
    match &app.overlay {
        Overlay::Help { query, .. } => query.to_lowercase(),
        _ => String::new(),
    }
}

pub use crate::key_help::WIDTH;

/// The help text as the overlay shows it in the app's window.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    lines_at(app, crate::key_help::inner_width(app.area().width))
}

/// The help text at `width` columns, narrowed by the overlay's filter.
fn lines_at(app: &App, width: usize) -> Vec<Line<'static>> {
    use crate::key_help::HelpLine;
    let query = query(app);
    let lines = crate::key_help::lay_out(&app.keymap, &query, width);
    lines
        .into_iter()
        .map(|line| match line {
            HelpLine::Title(mode) => Line::from(Span::styled(mode.title(), app.theme.heading(1))),
            HelpLine::Blank => Line::default(),
            HelpLine::Entry { lead, text } => Line::from(vec![
                Span::styled(lead, app.theme.accent()),
                Span::raw(text),
            ]),
            HelpLine::More { indent, text } => Line::from(vec![Span::raw(indent), Span::raw(text)]),
            HelpLine::Nothing => Line::from(Span::styled(
                format!("No key or description holds \"{query}\""),
                app.theme.dim(),
            )),
        })
        .collect()
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
    use unicode_width::UnicodeWidthStr;

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
    fn update_counts_the_lines_the_overlay_draws() {
        let mut app = App::new(Vec::new(), Vec::new(), Bookmarks::default());
        for query in ["", "passage", "BOOKMARK", "no such words"] {
            app.overlay = Overlay::Help {
                scroll: 0,
                query: query.to_string(),
            };
            assert_eq!(
                crate::key_help::line_count(&app.keymap, query, app.area().width),
                lines(&app).len(),
                "{query:?}"
            );
        }
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
                .all(|(keys, _)| keys.width() == 2 + crate::key_help::KEYS_COLUMN_MAX + 2)
        );
        assert!(others.count() > 20);
    }
}
