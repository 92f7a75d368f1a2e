//! Config parsing with inline TOML: good files, and bad ones whose errors
//! must name the line, the column and what is allowed.

use super::*;
use crate::action::Action;
use crate::keymap::{Key, Mode};

fn key(text: &str) -> Key {
    Key::parse(text).unwrap()
}

/// The error's (line, column, message) for bad config text.
fn error(text: &str) -> (usize, usize, String) {
    match parse(text) {
        Err(ConfigError::Invalid {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected an error for {text:?}, got {other:?}"),
    }
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# only a comment\n").unwrap(), Config::default());
}

#[test]
fn every_setting_is_read() {
    let config = parse(
        r##"
theme = "light"
measure = 66
passage_spacing = 2
paths = ["~/articles", "notes.md"]
mouse = false
show_list = false

[colors]
accent = "#ff8800"
selection_bg = "bright-black"
match = "208"

[keys.reader]
next_passage = ["n", "}"]
quit = "none"

[keys.list]
move_down = "J"
"##,
    )
    .unwrap();
    assert_eq!(config.theme, ThemeName::Light);
    assert_eq!(config.measure, 66);
    assert_eq!(config.passage_spacing, 2);
    assert_eq!(config.paths, vec!["~/articles", "notes.md"]);
    assert!(!config.mouse && !config.show_list);
    // toml hands tables over sorted by name; order does not matter here.
    assert_eq!(config.colors.len(), 3);
    for pair in [
        (Role::Accent, Color::Rgb(0xff, 0x88, 0)),
        (Role::SelectionBg, Color::DarkGray),
        (Role::Match, Color::Indexed(208)),
    ] {
        assert!(config.colors.contains(&pair), "{pair:?}");
    }
    let keymap = config.keymap();
    assert_eq!(
        keymap.action_for(Mode::Reader, key("n")),
        Some(Action::NextPassage)
    );
    assert_eq!(keymap.action_for(Mode::Reader, key("q")), None);
    assert_eq!(
        keymap.action_for(Mode::List, key("J")),
        Some(Action::MoveDown)
    );
    assert_eq!(keymap.action_for(Mode::List, key("j")), None);
}

#[test]
fn the_printed_default_config_parses_back_to_the_defaults() {
    let text = default_toml();
    let config = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(config.keymap(), Keymap::default());
    assert_eq!(
        Config {
            keys: Vec::new(),
            ..config
        },
        Config::default()
    );
    // Every colour line, uncommented, is valid and gives the dark theme.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if theme::ROLES.iter().any(|r| rest.starts_with(r.name)) => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config = parse(&uncommented).unwrap();
    assert_eq!(config.colors.len(), theme::ROLES.len());
    assert_eq!(config.theme(true), Theme::default());
}

#[test]
fn unknown_settings_are_errors_listing_the_allowed_ones() {
    let (line, column, message) = error("measure = 70\ncolour = \"red\"\n");
    assert_eq!((line, column), (2, 1));
    assert!(message.contains("unknown field `colour`"), "{message}");
    assert!(message.contains("`colors`"), "{message}");
}

#[test]
fn wrong_types_are_errors() {
    let (line, column, message) = error("\nmouse = \"yes\"\n");
    assert_eq!((line, column), (2, 9));
    assert!(message.contains("expected true or false"), "{message}");
    let (_, _, message) = error("measure = \"wide\"\n");
    assert!(message.contains("expected a whole number"), "{message}");
    let (line, _, _) = error("paths = \"~/a\"\n");
    assert_eq!(line, 1);
}

#[test]
fn out_of_range_numbers_say_the_range() {
    let (line, column, message) = error("theme = \"dark\"\nmeasure = 10\n");
    assert_eq!((line, column), (2, 11));
    assert!(message.contains("from 20 to 400"), "{message}");
    let (_, _, message) = error("measure = 100000\n");
    assert!(message.contains("from 20 to 400"), "{message}");
    let (_, _, message) = error("passage_spacing = -1\n");
    assert!(message.contains("from 0 to 3"), "{message}");
}

#[test]
fn bad_key_strings_explain_the_syntax() {
    let (line, column, message) = error("[keys.reader]\nnext_passage = \"Hyper-n\"\n");
    assert_eq!((line, column), (2, 16));
    assert!(message.contains("`Hyper-n` is not a key"), "{message}");
    assert!(message.contains("Ctrl-"), "{message}");
    let (line, _, message) = error("[keys.reader]\n\nnext_passage = [\"n\", \"nn\"]\n");
    assert_eq!(line, 3);
    assert!(message.contains("`nn`"), "{message}");
}

#[test]
fn unknown_actions_list_the_actions_of_the_mode() {
    let (line, column, message) = error("[keys.reader]\nmove_down = \"j\"\nfly = \"f\"\n");
    assert_eq!((line, column), (3, 1));
    assert!(message.contains("`fly` is not an action"), "{message}");
    assert!(message.contains("next_passage"), "{message}");
    // An action that exists, but not in this mode.
    let (_, _, message) = error("[keys.help]\ntoggle_bookmark = \"m\"\n");
    assert!(
        message.contains("is not available in [keys.help]"),
        "{message}"
    );
    assert!(message.contains("close_overlay"), "{message}");
}

#[test]
fn unknown_modes_and_colours_are_errors() {
    let (line, _, message) = error("[keys.editor]\nquit = \"q\"\n");
    assert_eq!(line, 1);
    assert!(message.contains("the modes are list, reader"), "{message}");
    let (line, column, message) = error("[colors]\naccent = \"purple\"\n");
    assert_eq!((line, column), (2, 10));
    assert!(message.contains("#rrggbb"), "{message}");
    let (_, _, message) = error("[colors]\nbackground = \"red\"\n");
    assert!(message.contains("selection_bg"), "{message}");
    let (_, _, message) = error("theme = \"solarized\"\n");
    assert!(message.contains("\"dark\" or \"light\""), "{message}");
}

#[test]
fn one_key_cannot_do_two_things_in_a_mode() {
    let (line, _, message) =
        error("[keys.reader]\nnext_passage = \"n\"\nprev_passage = [\"p\", \"n\"]\n");
    assert_eq!(line, 3);
    assert!(
        message.contains("already bound to next_passage"),
        "{message}"
    );
    // The same key in two modes is fine.
    assert!(parse("[keys.reader]\nquit = \"x\"\n[keys.list]\nquit = \"x\"\n").is_ok());
}

#[test]
fn errors_show_the_file_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "measure = 80\nmeasure_typo = 3\n").unwrap();
    let message = load(&path, true).unwrap_err().to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("line 2, column 1"), "{message}");
    assert!(message.contains("| measure_typo = 3"), "{message}");
    // Nothing was written.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "measure = 80\nmeasure_typo = 3\n"
    );
}

#[test]
fn a_missing_file_is_the_defaults_unless_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    assert_eq!(load(&path, true).unwrap(), Config::default());
    assert!(matches!(load(&path, false), Err(ConfigError::Read { .. })));
}

#[test]
fn fixture_files_parse_or_fail_as_their_names_say() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let result = load(&path, false);
        if name.starts_with("good") {
            assert!(result.is_ok(), "{name}: {:?}", result.err());
        } else if name.starts_with("bad") {
            // bad-LINE-what.toml: the error must name that line.
            let line: usize = name.split('-').nth(1).unwrap().parse().unwrap();
            let message = result.unwrap_err().to_string();
            assert!(
                message.contains(&format!("line {line},")),
                "{name}: {message}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 4);
}

/// The README's config reference sits between these markers; run the tests
/// with `QUIRE_BLESS=1` to rewrite it from `quire config --default`.
#[test]
fn readme_config_reference_matches_the_default_config() {
    let _lock = crate::keymap::README_LOCK.lock();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- config:start -->\n", "<!-- config:end -->");
    let from = readme
        .find(start)
        .expect("README.md has a config:start marker")
        + start.len();
    let to = readme.find(end).expect("README.md has a config:end marker");
    let reference = format!("```toml\n{}```\n", default_toml());
    if std::env::var_os("QUIRE_BLESS").is_some() {
        std::fs::write(
            &path,
            format!("{}{reference}{}", &readme[..from], &readme[to..]),
        )
        .unwrap();
        return;
    }
    assert!(
        readme[from..to] == reference,
        "README.md's config reference is out of date: run `QUIRE_BLESS=1 cargo test --lib readme`"
    );
}
