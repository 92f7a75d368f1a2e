//! The config file as users meet it: a remapped key works and help and the
//! status bar show it, NO_COLOR drops every colour, and the real binary
//! rejects a bad config with exit code 2 and the line number.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::{Focus, Overlay};
use quire::config::{self, Config};
use ratatui::style::Color;
use std::process::{Command, Stdio};
use support::{bundled_app, draw, press, screen, typed};

const REMAPPED: &str = "[keys.reader]\nnext_passage = [\"n\", \"}\"]\nquit = \"x\"\n";

fn app_with(text: &str, width: u16, height: u16, color: bool) -> quire::app::App {
    let config = config::parse(text).unwrap();
    let mut app = bundled_app(width, height);
    config.apply(&mut app, color);
    let _ = quire::update::update(&mut app, Action::Resize(width, height));
    app
}

#[test]
fn a_remapped_key_works_and_help_and_hints_show_it() {
    let mut app = app_with(REMAPPED, 100, 30, true);
    press(&mut app, &["Enter"]);
    assert_eq!(app.focus, Focus::Reader);
    let before = app.reader.cursor;
    press(&mut app, &["n"]);
    assert_eq!(app.reader.cursor, before + 1);
    // q no longer quits in the reader; x does.
    assert!(!press(&mut app, &["q"]));
    let bottom = screen(&app);
    let status = bottom.lines().last().unwrap();
    assert!(status.contains("n passage"), "{status}");
    assert!(status.contains("x quit"), "{status}");

    press(&mut app, &["?"]);
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    typed(&mut app, "/");
    typed(&mut app, "passage");
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!(screen(&app));
    let shown = screen(&app);
    assert!(shown.contains("n, }"), "{shown}");
    assert!(!shown.contains("Scroll down a line"), "{shown}");

    assert!(press(&mut app, &["Esc", "x"]));
}

#[test]
fn help_scrolls_and_filters_on_a_small_terminal() {
    let mut app = app_with("", 40, 10, true);
    press(&mut app, &["?"]);
    let top = screen(&app);
    press(&mut app, &["PgDn", "PgDn"]);
    assert_ne!(screen(&app), top, "help scrolls");
    typed(&mut app, "/");
    typed(&mut app, "bookmark");
    let shown = screen(&app);
    assert!(shown.contains("Filter keys: bookmark"), "{shown}");
    assert!(shown.contains("Bookmark the pas"), "{shown}");
    assert!(!shown.contains("Scroll down"), "{shown}");
    // Esc leaves the filter line without keeping the filter.
    press(&mut app, &["Esc"]);
    assert!(matches!(&app.overlay, Overlay::Help { query, .. } if query.is_empty()));
    typed(&mut app, "/");
    typed(&mut app, "zzzz");
    press(&mut app, &["Enter"]);
    assert!(screen(&app).contains("No key or description"));
}

#[test]
fn no_color_leaves_every_cell_uncoloured() {
    let text = "[colors]\naccent = \"#ff0000\"\n";
    let mut app = app_with(text, 100, 30, false);
    press(&mut app, &["/"]);
    typed(&mut app, "the");
    press(&mut app, &["Enter", "m", "?"]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // Emphasis survives: something is reversed or bold.
    assert!(buffer.content().iter().any(|c| !c.modifier.is_empty()));
}

#[test]
fn light_theme_and_user_colours_reach_the_screen() {
    let app = app_with(
        "theme = \"light\"\n[colors]\nselection_bg = \"#102030\"\n",
        100,
        30,
        true,
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .any(|c| c.bg == Color::Rgb(0x10, 0x20, 0x30))
    );
    assert!(buffer.content().iter().any(|c| c.fg == Color::Blue));
}

#[test]
fn measure_spacing_and_reader_first_are_applied() {
    let app = app_with(
        "measure = 30\npassage_spacing = 0\nshow_list = false\n",
        100,
        30,
        true,
    );
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader_size().0, 30);
    let layout = app.reader.layout.as_ref().unwrap();
    assert!(layout.lines.iter().all(|l| l.passage.is_some()));
    assert_eq!(Config::default().passage_spacing, 1);
}

fn quire(config_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quire"));
    command.env("QUIRE_CONFIG_DIR", config_dir);
    command
}

#[test]
fn a_bad_config_exits_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "theme = \"dark\"\n\n[keys.reader]\nfly_away = \"f\"\n";
    let file = dir.path().join("config.toml");
    std::fs::write(&file, text).unwrap();
    let output = quire(dir.path()).arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("line 4, column 1"), "{stderr}");
    assert!(stderr.contains("config.toml"), "{stderr}");
    assert!(stderr.contains("next_passage"), "{stderr}");
    // The reader refuses it the same way, and nothing is overwritten.
    let output = quire(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no other file was written");
}

#[test]
fn a_named_config_file_must_exist_and_config_path_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = quire(dir.path())
        .args(["--config", "/nonexistent/quire.toml", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/quire.toml"));

    let output = quire(dir.path())
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        printed.trim_end(),
        dir.path().join("config.toml").display().to_string()
    );

    // The printed default config is accepted as a config file.
    let output = quire(dir.path())
        .args(["config", "--default"])
        .output()
        .unwrap();
    std::fs::write(dir.path().join("config.toml"), &output.stdout).unwrap();
    let output = quire(dir.path()).arg("list").output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn config_paths_are_opened_when_none_are_given() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("only.md");
    std::fs::write(&article, "# Only one\n\nText.\n").unwrap();
    let config = format!("paths = [{:?}]\n", article.display().to_string());
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let output = quire(dir.path()).arg("list").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Only one\t"), "{stdout}");
}

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    // Enough lines that quire is still writing when the reader goes away.
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..300 {
        std::fs::write(
            articles.join(format!("{i:03}.txt")),
            format!("Article {i}\n\nText.\n"),
        )
        .unwrap();
    }
    let mut child = quire(dir.path())
        .arg("list")
        .arg(&articles)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("Article"), "{first}");
    // The pipe is closed here, like `head -1` exiting.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn completions_and_man_page_print_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = quire(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(!output.stdout.is_empty(), "{shell}");
    }
    let output = quire(dir.path()).arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains(".TH quire"));
    let output = quire(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}
