//! Colours and text styles, in one place. The built-in dark and light
//! themes use only the 16 ANSI colours, so quire looks right on 16- and
//! 256-colour terminals (and the terminal's own palette decides the exact
//! shades); users may name any colour in the config. With `NO_COLOR` set,
//! emphasis is carried by bold, reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};
use std::fmt::Write as _;

/// A built-in palette.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
}

impl ThemeName {
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        [ThemeName::Dark, ThemeName::Light]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// What a colour is used for; the config's `[colors]` names these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Accent,
    Dim,
    SelectionFg,
    SelectionBg,
    Match,
    Bookmark,
    Error,
    Info,
    Heading,
    Code,
    Flash,
}

/// One row of the colour table: role, config name, what it colours, and
/// its colour in the dark and the light theme.
pub struct RoleInfo {
    pub role: Role,
    pub name: &'static str,
    pub about: &'static str,
    pub dark: Color,
    pub light: Color,
}

/// Every colour a theme sets, in the order the default config lists them.
pub const ROLES: [RoleInfo; 11] = {
    use Color::*;
    const fn row(
        role: Role,
        name: &'static str,
        about: &'static str,
        dark: Color,
        light: Color,
    ) -> RoleInfo {
        RoleInfo {
            role,
            name,
            about,
            dark,
            light,
        }
    }
    [
        row(
            Role::Accent,
            "accent",
            "focused borders, key names, prompts",
            Cyan,
            Blue,
        ),
        row(
            Role::Dim,
            "dim",
            "secondary text: hints, counts, gaps",
            DarkGray,
            DarkGray,
        ),
        row(
            Role::SelectionFg,
            "selection_fg",
            "text of the selected row",
            White,
            White,
        ),
        row(
            Role::SelectionBg,
            "selection_bg",
            "background of the selected row",
            Blue,
            Blue,
        ),
        row(
            Role::Match,
            "match",
            "letters that matched the filter",
            Yellow,
            Red,
        ),
        row(
            Role::Bookmark,
            "bookmark",
            "bookmark marks and ranges",
            Yellow,
            Magenta,
        ),
        row(Role::Error, "error", "error messages", Red, Red),
        row(Role::Info, "info", "other status messages", Green, Green),
        row(Role::Heading, "heading", "article headings", Cyan, Blue),
        row(Role::Code, "code", "code and tables", Magenta, Magenta),
        row(
            Role::Flash,
            "flash",
            "background of a passage just jumped to",
            DarkGray,
            Gray,
        ),
    ]
};

impl Role {
    pub fn from_name(name: &str) -> Option<Role> {
        ROLES.iter().find(|r| r.name == name).map(|r| r.role)
    }

    fn index(self) -> usize {
        ROLES.iter().position(|r| r.role == self).unwrap_or(0)
    }
}

/// The colours in use. Lives in the [`crate::app::App`], so drawing stays a
/// function of the app alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    colors: [Color; ROLES.len()],
    /// False under `NO_COLOR`: styles carry modifiers only.
    color: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(ThemeName::Dark, &[], true)
    }
}

impl Theme {
    /// A built-in theme with the user's colours over it; `color` false
    /// (from `NO_COLOR`) drops every colour.
    pub fn new(name: ThemeName, user: &[(Role, Color)], color: bool) -> Theme {
        let mut colors = ROLES.map(|r| match name {
            ThemeName::Dark => r.dark,
            ThemeName::Light => r.light,
        });
        for (role, c) in user {
            colors[role.index()] = *c;
        }
        Theme { colors, color }
    }

    pub fn has_color(&self) -> bool {
        self.color
    }

    fn fg(&self, role: Role) -> Style {
        Style::new().fg(self.colors[role.index()])
    }

    /// `colored` with colour on, else `plain` (modifiers only).
    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn accent(&self) -> Style {
        self.pick(self.fg(Role::Accent), bold())
    }

    pub fn dim(&self) -> Style {
        self.pick(self.fg(Role::Dim), Style::new())
    }

    pub fn bold(&self) -> Style {
        bold()
    }

    /// The selected row of a list.
    pub fn selected(&self, focused: bool) -> Style {
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        if !focused {
            return reversed;
        }
        self.pick(
            self.fg(Role::SelectionFg)
                .bg(self.colors[Role::SelectionBg.index()])
                .add_modifier(Modifier::BOLD),
            reversed.add_modifier(Modifier::BOLD),
        )
    }

    /// Characters that matched the query.
    pub fn matched(&self) -> Style {
        let emphasis = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        self.pick(self.fg(Role::Match).patch(emphasis), emphasis)
    }

    pub fn bookmark(&self) -> Style {
        self.pick(self.fg(Role::Bookmark), bold())
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, _) => self.accent(),
            (false, true) => self.dim(),
            (false, false) => Style::new(),
        }
    }

    pub fn error(&self) -> Style {
        self.pick(self.fg(Role::Error).patch(bold()), bold())
    }

    pub fn info(&self) -> Style {
        self.pick(self.fg(Role::Info), Style::new())
    }

    pub fn heading(&self, level: u8) -> Style {
        match level {
            1 | 2 => self.pick(self.fg(Role::Heading).patch(bold()), bold()),
            _ => bold(),
        }
    }

    pub fn code(&self) -> Style {
        self.pick(self.fg(Role::Code), Style::new())
    }

    /// The search match `n`/`N` stopped at.
    pub fn current_match(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(self.colors[Role::Match.index()])
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// A passage just jumped to (from a bookmark), until the next key.
    pub fn flash(&self) -> Style {
        self.pick(
            Style::new().bg(self.colors[Role::Flash.index()]),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// True when the `NO_COLOR` value asks for no colour: set and not empty
/// (<https://no-color.org>).
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// The 16 ANSI colours by the names the config uses.
const ANSI: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("bright-black", Color::DarkGray),
    ("bright-red", Color::LightRed),
    ("bright-green", Color::LightGreen),
    ("bright-yellow", Color::LightYellow),
    ("bright-blue", Color::LightBlue),
    ("bright-magenta", Color::LightMagenta),
    ("bright-cyan", Color::LightCyan),
    ("bright-white", Color::White),
];

/// How colours are written, for error messages.
pub const COLOR_SYNTAX: &str = "an ANSI name (black, red, green, yellow, blue, magenta, cyan, white, or bright- before one of them, or default), a 256-colour index like \"123\", or \"#rrggbb\"";

/// Parses a colour as the config writes it.
pub fn parse_color(text: &str) -> Result<Color, String> {
    let bad = || format!("unknown colour {text:?}: use {COLOR_SYNTAX}");
    let lower = text.trim().to_ascii_lowercase();
    if lower == "default" {
        return Ok(Color::Reset);
    }
    if let Some((_, c)) = ANSI.iter().find(|(n, _)| *n == lower) {
        return Ok(*c);
    }
    if let Some(hex) = lower.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        return Ok(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    lower.parse::<u8>().map(Color::Indexed).map_err(|_| bad())
}

/// A colour as the config writes it (the inverse of [`parse_color`]).
pub fn color_name(color: Color) -> String {
    if let Some((n, _)) = ANSI.iter().find(|(_, c)| *c == color) {
        return (*n).to_string();
    }
    match color {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => {
            let mut out = String::from("#");
            for v in [r, g, b] {
                let _ = write!(out, "{v:02x}");
            }
            out
        }
        _ => "default".to_string(),
    }
}

/// The mark drawn beside bookmarked passages and documents.
pub const BOOKMARK_MARK: &str = "★";
/// The bar drawn beside the passage under the cursor.
pub const CURSOR_MARK: &str = "▌";
/// The bar drawn beside passages in a range being selected.
pub const RANGE_MARK: &str = "┃";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_print_back() {
        for text in ["cyan", "bright-black", "white", "123", "#0a7fff", "default"] {
            let color = parse_color(text).unwrap();
            assert_eq!(color_name(color), text);
        }
        assert_eq!(parse_color("Bright-Red"), Ok(Color::LightRed));
        for bad in ["purple", "#12345", "#gggggg", "256", ""] {
            let err = parse_color(bad).unwrap_err();
            assert!(err.contains("#rrggbb"), "{err}");
        }
    }

    #[test]
    fn built_in_themes_use_only_ansi_colours() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let theme = Theme::new(name, &[], true);
            for c in theme.colors {
                assert!(ANSI.iter().any(|(_, a)| *a == c), "{name:?}: {c:?}");
            }
        }
    }

    #[test]
    fn user_colours_override_the_theme() {
        let theme = Theme::new(
            ThemeName::Light,
            &[(Role::Match, Color::Indexed(200))],
            true,
        );
        assert_eq!(theme.matched().fg, Some(Color::Indexed(200)));
        assert_eq!(theme.accent().fg, Some(Color::Blue));
    }

    #[test]
    fn no_color_keeps_emphasis_without_colour() {
        let theme = Theme::new(ThemeName::Dark, &[(Role::Accent, Color::Red)], false);
        let styles = [
            theme.accent(),
            theme.dim(),
            theme.selected(true),
            theme.selected(false),
            theme.matched(),
            theme.bookmark(),
            theme.border(true),
            theme.error(),
            theme.info(),
            theme.heading(1),
            theme.code(),
            theme.flash(),
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(
            theme
                .selected(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(theme.matched().add_modifier.contains(Modifier::UNDERLINED));
        assert!(no_color_requested(Some("1".as_ref())));
        assert!(!no_color_requested(Some("".as_ref())));
        assert!(!no_color_requested(None));
    }
}
