//! `quire config --default`: the complete default config, written from the
//! same tables quire runs on (the keymap, the theme's colours, the default
//! values), so it cannot drift from what quire does without a config.

use super::{Config, KEY_SYNTAX, MEASURE_RANGE, SPACING_RANGE};
use crate::keymap::{Keymap, Mode};
use crate::theme::{self, COLOR_SYNTAX, ROLES};
use std::fmt::Write as _;

/// The default config as TOML, with a comment on every setting.
pub fn default_toml() -> String {
    let config = Config::default();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line("# quire's config file. Every setting is shown with its default value;".into());
    line("# delete the ones you do not change. `quire config --path` says where".into());
    line("# quire reads this file; `--config FILE` reads another one.".into());
    line(String::new());
    line("# Colours: \"dark\" (light text on a dark background) or \"light\".".into());
    line(format!("theme = {}", quoted(config.theme.name())));
    line(String::new());
    line(format!(
        "# Width of the reading column, in columns ({}-{}); wider panes centre it.",
        MEASURE_RANGE.start(),
        MEASURE_RANGE.end()
    ));
    line(format!("measure = {}", config.measure));
    line(String::new());
    line(format!(
        "# Blank lines between passages ({}-{}); items of one list stay together.",
        SPACING_RANGE.start(),
        SPACING_RANGE.end()
    ));
    line(format!("passage_spacing = {}", config.passage_spacing));
    line(String::new());
    line("# Files or folders to open when none are given on the command line,".into());
    line("# like [\"~/articles\"]; empty opens the bundled articles.".into());
    line("paths = []".into());
    line(String::new());
    line("# Capture the mouse (wheel, clicks); off leaves text selection to the terminal.".into());
    line(format!("mouse = {}", config.mouse));
    line(String::new());
    line("# Start with the document list focused (true), or reading the first".into());
    line("# document (false).".into());
    line(format!("show_list = {}", config.show_list));
    line(String::new());
    line("# The program that opens links quire does not show (web pages, mail),".into());
    line("# with any first arguments: words split at spaces, never run through a".into());
    line("# shell. Empty uses the system's: xdg-open (open on macOS).".into());
    line(format!("opener = {}", quoted(&config.opener)));
    line(String::new());
    for l in comment(&format!(
        "Colours over the theme, by name. A colour is {COLOR_SYNTAX}."
    )) {
        line(l);
    }
    line("# NO_COLOR set in the environment turns every colour off.".into());
    line("# Uncomment a line to change it (the dark theme's value is shown).".into());
    line("[colors]".into());
    for role in &ROLES {
        line(format!(
            "# {:<30} # {} (light: {})",
            format!("{} = {}", role.name, quoted(&theme::color_name(role.dark))),
            role.about,
            theme::color_name(role.light)
        ));
    }
    line(String::new());
    line("# Keys by mode and action: one key or a list. A key given to one action".into());
    line("# is taken from the other actions of its mode; \"none\" or [] unbinds.".into());
    for l in comment(&format!("Syntax: {KEY_SYNTAX}.")) {
        line(l);
    }
    let keymap = Keymap::default();
    for mode in Mode::ALL {
        line(String::new());
        line(format!("# {}", mode.title()));
        line(format!("[keys.{}]", mode.name()));
        for b in keymap.bindings(mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| quoted(&k.to_string())).collect();
            line(format!("# {}", b.description));
            line(format!("{} = [{}]", b.action.name(), keys.join(", ")));
        }
    }
    out
}

/// `text` as comment lines that fit in 78 columns.
fn comment(text: &str) -> Vec<String> {
    textwrap::wrap(text, 76)
        .iter()
        .map(|l| format!("# {l}"))
        .collect()
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => {
                let _ = write!(out, "{c}");
            }
        }
    }
    out.push('"');
    out
}
