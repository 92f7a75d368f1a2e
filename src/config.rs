//! The config file, `config.toml` in quire's config directory: keys,
//! theme and colours, reading measure, passage spacing, default paths,
//! mouse, and whether the list shows at start. [`parse`] is pure (tests feed
//! it inline TOML); [`load`] reads the file. Unknown settings are errors, and
//! every error names the line and column and what is allowed.

mod defaults;
mod keys;

pub use defaults::default_toml;
pub use keys::KEY_SYNTAX;

use crate::app::{App, Focus};
use crate::keymap::{Keymap, Override};
use crate::sanitize::sanitize_line;
use crate::theme::{self, Role, Theme, ThemeName};
use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::path::{Path, PathBuf};

/// Allowed reading measures, in columns.
pub const MEASURE_RANGE: std::ops::RangeInclusive<u16> = 20..=400;
/// Allowed blank lines between passages.
pub const SPACING_RANGE: std::ops::RangeInclusive<usize> = 0..=3;

/// Everything the config file sets, checked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The user's keys, merged over the defaults by [`Config::keymap`].
    #[serde(deserialize_with = "keys::deserialize")]
    pub keys: Vec<Override>,
    #[serde(deserialize_with = "theme_name")]
    pub theme: ThemeName,
    /// User colours over the theme's.
    #[serde(deserialize_with = "colors")]
    pub colors: Vec<(Role, Color)>,
    /// Reading column width.
    #[serde(deserialize_with = "measure")]
    pub measure: u16,
    /// Blank lines between passages.
    #[serde(deserialize_with = "passage_spacing")]
    pub passage_spacing: usize,
    /// What to open when no path is given.
    pub paths: Vec<String>,
    /// Capture the mouse at start.
    pub mouse: bool,
    /// Start in the list (true) or in the reading view (false).
    pub show_list: bool,
    /// The program (and its first arguments, split at spaces, never
    /// through a shell) that opens links quire does not show; empty for
    /// the system's (`xdg-open`, `open` on macOS).
    pub opener: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keys: Vec::new(),
            theme: ThemeName::Dark,
            colors: Vec::new(),
            measure: crate::app::DEFAULT_MEASURE,
            passage_spacing: crate::wrap::DEFAULT_SPACING,
            paths: Vec::new(),
            mouse: true,
            show_list: true,
            opener: String::new(),
        }
    }
}

impl Config {
    /// The default keys with the user's over them.
    pub fn keymap(&self) -> Keymap {
        Keymap::with_overrides(&self.keys)
    }

    /// The theme; `color` is false when `NO_COLOR` asks for none.
    pub fn theme(&self, color: bool) -> Theme {
        Theme::new(self.theme, &self.colors, color)
    }

    /// Sets up a freshly made app: keys, colours, measure, spacing, mouse
    /// and the starting pane. Call before the first resize.
    pub fn apply(&self, app: &mut App, color: bool) {
        app.keymap = self.keymap();
        app.theme = self.theme(color);
        app.measure = self.measure;
        app.mouse = self.mouse;
        app.opener = self.opener.split_whitespace().map(str::to_string).collect();
        // The preview was laid out with the default spacing: lay it out again.
        app.reader.spacing = self.passage_spacing;
        app.reader.close();
        app.preview_selected();
        if !self.show_list && app.reader.doc.is_some() {
            app.focus = Focus::Reader;
        }
    }
}

/// Why a config file was not used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The text is not a valid config; `line` and `column` count from 1.
    #[error("{}line {line}, column {column}: {message}\n  | {source_line}", file_prefix(.file))]
    Invalid {
        file: Option<PathBuf>,
        line: usize,
        column: usize,
        message: String,
        source_line: String,
    },
    #[error("cannot read the config file {}: {error}", shown(file))]
    Read {
        file: PathBuf,
        error: std::io::Error,
    },
}

/// A path as an error message shows it.
fn shown(file: &Path) -> String {
    sanitize_line(&file.to_string_lossy())
}

fn file_prefix(file: &Option<PathBuf>) -> String {
    match file {
        Some(f) => format!("config file {}, ", shown(f)),
        None => "config, ".to_string(),
    }
}

/// Parses config text. Pure: no file, no environment.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start).min(text.len());
        let (line, column, source_line) = position(text, offset);
        ConfigError::Invalid {
            file: None,
            line,
            column,
            // Both quote the file, which may hold escape sequences.
            message: sanitize_line(&plain_types(e.message().trim_end())),
            source_line: sanitize_line(&source_line),
        }
    })
}

/// serde's type names in words a config writer uses.
fn plain_types(message: &str) -> String {
    message
        .replace("expected i64", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
        .replace("expected a string", "expected a string in quotes")
}

/// Line and column (from 1, columns in characters) of byte `offset`, and
/// the text of that line.
fn position(text: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = before.matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let source_line = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (line, column, source_line)
}

/// The config file in quire's config dir, only if it is a regular file
/// of bounded size, opened without blocking: a FIFO or a link to a device
/// there gets a message instead of a hang or an endless read.
fn read_usual_place(path: &Path) -> std::io::Result<String> {
    use crate::storage::Contents;
    match crate::storage::read_bounded(path)? {
        Contents::Bytes(bytes) => String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        Contents::Missing => Err(std::io::ErrorKind::NotFound.into()),
        Contents::NotAFile(what) => Err(std::io::Error::other(what)),
    }
}

/// Reads and parses the config file at `path`. A missing file gives the
/// defaults when `missing_ok` (the usual place), and an error when the user
/// named the file. Nothing is ever written.
pub fn load(path: &Path, missing_ok: bool) -> Result<Config, ConfigError> {
    let read = if missing_ok {
        read_usual_place(path)
    } else {
        // Named by the user, who may mean a pipe (`--config <(...)`).
        std::fs::read_to_string(path)
    };
    let text = match read {
        Ok(text) => text,
        // A config dir that is a file holds no config.toml either: quire
        // starts with the defaults, and the stores say they cannot save.
        Err(e)
            if missing_ok
                && matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
        {
            return Ok(Config::default());
        }
        Err(error) => {
            return Err(ConfigError::Read {
                file: path.to_path_buf(),
                error,
            });
        }
    };
    parse(&text).map_err(|e| match e {
        ConfigError::Invalid {
            line,
            column,
            message,
            source_line,
            ..
        } => ConfigError::Invalid {
            file: Some(path.to_path_buf()),
            line,
            column,
            message,
            source_line,
        },
        other => other,
    })
}

fn theme_name<'de, D: Deserializer<'de>>(d: D) -> Result<ThemeName, D::Error> {
    let name = String::deserialize(d)?;
    ThemeName::from_name(&name).ok_or_else(|| {
        de::Error::custom(format!("unknown theme `{name}`: use \"dark\" or \"light\""))
    })
}

fn measure<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let value = i64::deserialize(d)?;
    u16::try_from(value)
        .ok()
        .filter(|v| MEASURE_RANGE.contains(v))
        .ok_or_else(|| {
            de::Error::custom(format!(
                "measure must be from {} to {} columns, not {value}",
                MEASURE_RANGE.start(),
                MEASURE_RANGE.end()
            ))
        })
}

fn passage_spacing<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let value = i64::deserialize(d)?;
    usize::try_from(value)
        .ok()
        .filter(|v| SPACING_RANGE.contains(v))
        .ok_or_else(|| {
            de::Error::custom(format!(
                "passage_spacing must be from {} to {} blank lines, not {value}",
                SPACING_RANGE.start(),
                SPACING_RANGE.end()
            ))
        })
}

fn colors<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Role, Color)>, D::Error> {
    d.deserialize_map(Colors)
}

/// The `[colors]` table: role name = colour.
struct Colors;

impl<'de> Visitor<'de> for Colors {
    type Value = Vec<(Role, Color)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of colour name = colour")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(role) = map.next_key_seed(RoleName)? {
            out.push((role, map.next_value_seed(ColorValue)?));
        }
        Ok(out)
    }
}

/// A colour, parsed while serde is at it so errors point at the value.
struct ColorValue;

impl<'de> de::DeserializeSeed<'de> for ColorValue {
    type Value = Color;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Color, D::Error> {
        let text = String::deserialize(d)?;
        theme::parse_color(&text).map_err(de::Error::custom)
    }
}

struct RoleName;

impl<'de> de::DeserializeSeed<'de> for RoleName {
    type Value = Role;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Role, D::Error> {
        let name = String::deserialize(d)?;
        Role::from_name(&name).ok_or_else(|| {
            let names: Vec<&str> = theme::ROLES.iter().map(|r| r.name).collect();
            de::Error::custom(format!(
                "unknown colour name `{name}` in [colors]; the names are {}",
                names.join(", ")
            ))
        })
    }
}

#[cfg(test)]
mod tests;
