//! End to end on a pseudo-terminal: what the terminal itself can throw at
//! quire. A bracketed paste full of ESC, CR and 100 KB of text into each
//! input line stays text (it runs no command, deletes no bookmark) and is
//! answered at once; every signal that ends quire leaves the terminal as
//! the shell needs it (main screen, cursor shown, mouse and bracketed
//! paste off, cooked mode) with the exit status 128 + the signal, and so
//! does a panic.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::{Session, quire};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long quire may take to show that it took a paste: a guard against
/// hangs (it used to re-search for every pasted character, for minutes),
/// not a benchmark.
const ANSWER: Duration = Duration::from_secs(1);

/// What the pasted text starts with: an ESC (as a kitty keyboard Esc key)
/// that used to leave the input line, then `dddd` that deleted bookmarks,
/// then line breaks that used to accept the line.
const HOSTILE_START: &str = "x\x1b[27udddd\r\n";
/// How that start shows in an input line: ESC as its symbol, the line
/// breaks as spaces.
const SHOWN_START: &str = "x\u{241B}[27udddd";

/// A bracketed paste of [`HOSTILE_START`] and about 100 KB of words; `extra`
/// makes each paste's length (and so its "left out" count) its own.
fn hostile_paste(extra: usize) -> (String, usize) {
    let filler = "lorem ipsum dolor sit amet\r\n".repeat(3_700);
    let text = format!("{HOSTILE_START}{filler}{}", "z".repeat(extra));
    let shown = text.replace("\r\n", " ").chars().count();
    let left_out = shown - ::quire::line_edit::MAX_CHARS;
    (format!("\x1b[200~{text}\x1b[201~"), left_out)
}

/// Pastes into the open input line and checks it was taken as text: the
/// cut is reported within [`ANSWER`], and the line starts with the pasted
/// text, ESC shown as a symbol.
fn paste_into(session: &mut Session, prompt: &str, extra: usize) {
    let (paste, left_out) = hostile_paste(extra);
    assert!(paste.len() > 100_000);
    session.press(&paste);
    let written = Instant::now();
    let message = format!("characters: {left_out} more were left out");
    let what = format!("answer to a paste ({prompt})");
    session.wait_until_within(written, ANSWER, &what, |s| s.contains(&message));
    // Ctrl-a: the start of the line, where the ESC was.
    session.press("\x01");
    session.wait_for(&format!("{prompt}{SHOWN_START} lorem ipsum"));
}

fn live_bookmarks(config: &Path) -> usize {
    ::quire::bookmarks::store::Store::open(config)
        .1
        .bookmarks
        .live_count()
}

#[test]
fn a_paste_into_every_input_line_stays_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let mut session = Session::start(quire(&[], &config));
    session.wait_for("press / to filter");
    // The articles are read in the background: Enter before they are
    // listed opens nothing.
    session.wait_for(" min│");
    // Three bookmarks in the first article.
    session.press("\r");
    for _ in 0..3 {
        session.press("m");
        session.wait_for("Bookmark saved");
        session.press("}");
    }
    session.press("B");
    session.wait_for("Bookmarks (3)");

    // The bookmarks filter, then a note on the selected bookmark.
    session.press("/");
    paste_into(&mut session, "Filter: ", 1);
    session.press("\x1b");
    session.wait_for_gone("Filter: ");
    session.press("a");
    paste_into(&mut session, "Note: ", 2);
    session.press("\x1b");
    session.wait_for_gone("Note: ");
    // The search in the open document.
    session.press("q");
    session.wait_for_gone("Bookmarks (3)");
    session.press("/");
    paste_into(&mut session, "Search this document: ", 3);
    session.press("\x1b");
    session.wait_for_gone("Search this document");
    // The list's filter.
    session.press("h");
    session.press("/");
    paste_into(&mut session, "/ ", 4);
    session.press("\x1b");
    session.wait_for_gone("/ x");

    // Outside an input line a paste is not taken as keys: `q` would quit,
    // `B` then `d` would delete.
    session.press("\x1b[200~qBdddd\x1b[201~");
    session.wait_for("Paste ignored");
    session.press("q");
    let (_, shared) = session.finish();
    assert!(!shared.parser.screen().bracketed_paste());
    assert_eq!(live_bookmarks(&config), 3, "a paste deleted bookmarks");
}

/// How long 100 KB of keys typed without bracketed paste may take to go
/// into the filter: a guard against quire drawing and searching for every
/// key (minutes), not a benchmark.
const FLOOD_DEADLINE: Duration = Duration::from_secs(15);

#[test]
fn a_flood_of_typed_keys_is_taken_in_bursts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let mut session = Session::start(quire(&[], &config));
    session.wait_for("press / to filter");
    session.press("/");
    session.wait_for("Esc clear");
    let flood = "lorem ipsum dolor sit amet ".repeat(3_704);
    let start = Instant::now();
    session.press(&flood);
    // Ctrl-a after the flood: once the line shows its start, every key
    // before it was taken.
    session.press("\x01");
    session.wait_until_within(start, FLOOD_DEADLINE, "end of 100 KB of keys", |s| {
        s.contains("/ lorem ipsum dolor")
    });
    session.wait_for("more were left out");
    session.press("\x1b");
    session.wait_for_gone("/ lorem");
    session.press("q");
    session.finish();
}

/// quire with the default config (mouse capture on), reading the bundled
/// articles.
fn quire_with_mouse(config: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_quire"));
    cmd.env("QUIRE_CONFIG_DIR", config);
    cmd.env("TERM", "xterm-256color");
    cmd
}

#[test]
fn every_ending_signal_restores_the_terminal_and_says_which() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};
    for (name, signal) in [
        ("SIGQUIT", SIGQUIT),
        ("SIGTERM", SIGTERM),
        ("SIGHUP", SIGHUP),
        ("SIGINT", SIGINT),
        ("SIGUSR1", SIGUSR1),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config");
        let mut session = Session::start(quire_with_mouse(&config));
        session.wait_for(" min│");
        // Reading an article: its place is saved on the way out.
        session.press("\r");
        session.press("}");
        session.wait_for(" passage");
        session.signal(signal);
        let ended = session.finish_with_status();
        assert_eq!(
            ended.status.exit_code(),
            128 + u32::try_from(signal).expect("a signal number"),
            "{name}: {:?}",
            ended.status
        );
        assert_terminal_given_back(&ended, name);
        assert!(
            config.join("positions.json").is_file(),
            "{name}: the reading position was not saved"
        );
    }
}

/// Set for the copy of this test binary that plays a quire that panics.
const PANICKING: &str = "QUIRE_TEST_PANIC_ON_A_PTY";

/// Run by [`a_panic_leaves_the_terminal_usable`] on a pty: takes the
/// terminal over as quire does (raw mode, alternate screen, bracketed
/// paste, the mouse, a hidden cursor), then panics.
#[test]
#[ignore = "run on a pty by a_panic_leaves_the_terminal_usable"]
fn panicking_quire() {
    if std::env::var_os(PANICKING).is_none() {
        return;
    }
    use ::quire::terminal::TerminalControl;
    let mut terminal = ::quire::terminal::start().expect("take the terminal");
    ::quire::terminal::RealTerminal
        .set_mouse(true)
        .expect("mouse on");
    terminal.hide_cursor().expect("hide the cursor");
    panic!("a bug in quire");
}

#[test]
fn a_panic_leaves_the_terminal_usable() {
    let mut cmd = CommandBuilder::new(std::env::current_exe().expect("this test binary"));
    cmd.args(["--exact", "panicking_quire", "--ignored", "--nocapture"]);
    cmd.env(PANICKING, "1");
    let mut session = Session::start(cmd);
    session.wait_for("a bug in quire");
    let ended = session.finish_with_status();
    assert!(!ended.status.success());
    assert_terminal_given_back(&ended, "a panic");
}

/// Set for the copy of this test binary that plays a quire whose session
/// ends early with an error.
const FAILING: &str = "QUIRE_TEST_FAIL_ON_A_PTY";

/// Run by [`an_error_after_taking_the_terminal_gives_it_back`] on a pty:
/// takes the terminal over for a session (mouse on, cursor hidden), then
/// returns an error, as `?` would, without restoring anything itself.
#[test]
#[ignore = "run on a pty by an_error_after_taking_the_terminal_gives_it_back"]
fn failing_quire() -> Result<(), String> {
    if std::env::var_os(FAILING).is_none() {
        return Ok(());
    }
    let mut session = ::quire::terminal::Session::start(true).map_err(|e| e.to_string())?;
    session.hide_cursor().map_err(|e| e.to_string())?;
    Err("the session failed early".to_string())
}

#[test]
fn an_error_after_taking_the_terminal_gives_it_back() {
    let mut cmd = CommandBuilder::new(std::env::current_exe().expect("this test binary"));
    cmd.args(["--exact", "failing_quire", "--ignored", "--nocapture"]);
    cmd.env(FAILING, "1");
    let mut session = Session::start(cmd);
    session.wait_for("failed early");
    let ended = session.finish_with_status();
    assert!(!ended.status.success());
    assert_terminal_given_back(&ended, "an early error");
}

/// The terminal as the shell needs it after quire: the main screen, the
/// cursor shown, no mouse reporting or bracketed paste, cooked mode.
fn assert_terminal_given_back(ended: &pty::Ended, after: &str) {
    let screen = ended.shared.parser.screen();
    assert!(
        !screen.alternate_screen(),
        "{after}: alternate screen left on"
    );
    assert!(!screen.hide_cursor(), "{after}: cursor left hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{after}: mouse reporting left on"
    );
    assert!(
        !screen.bracketed_paste(),
        "{after}: bracketed paste left on"
    );
    assert!(ended.cooked, "{after}: terminal left in raw mode");
}
