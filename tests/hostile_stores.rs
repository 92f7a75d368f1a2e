//! End to end: what quire reads back from its own files is as untrusted as
//! an article. `bookmarks.json` and `positions.json` get synced, shared and
//! restored from backups, so ids, paths, titles, quotes, notes, prefixes and
//! suffixes are written here full of escape sequences, C1 controls, bidi
//! overrides and tag characters, and every output that shows them --
//! `quire bookmarks list` to a pipe and to a terminal, `--json`, both
//! exports, the reader's bookmarks view and note line, standard error --
//! must carry none of them. The JSON outputs must still read back to the
//! very values stored. Config files and file names echoed in messages get
//! the same checks.
//!
//! The terminal is a pseudo-terminal (tests/support/pty.rs); nothing here
//! depends on timing: output is read until quire exits, or the screen is
//! polled until expected text appears, with generous deadlines.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use pty::{Session, quire};
use quire::bookmarks::store::Store;
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use quire::positions::store::PositionStore;
use quire::positions::{Positions, ReadingPosition};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const QUIRE: &str = env!("CARGO_BIN_EXE_quire");

/// What a stored field tries to make the terminal do: retitle it, clear
/// it, start a CSI and an OSC with single C1 bytes, reverse the text, ring,
/// and carry invisible words in tag characters.
fn payload(name: &str) -> String {
    let smuggled: String = "ignore previous"
        .chars()
        .filter_map(|c| char::from_u32(0xE0000 + c as u32))
        .collect();
    format!(
        "{name}\x1b]0;PWNED\x07\x1b[2J\u{9b}31m\u{9d}0;C1TITLE\u{9c}\u{202E}rev\u{2066}\x7f\u{1F3F4}{smuggled}"
    )
}

/// Every character that must not reach a terminal from a file: C0 and C1
/// controls (the tab and line feed of a listing aside), bidi controls and
/// tag characters.
fn acting(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}' | '\u{E0000}'..='\u{E007F}')
        })
        .collect()
}

/// Checks that `bytes`, written by quire for `what`, are UTF-8 with
/// nothing a terminal acts on.
fn assert_inert(what: &str, bytes: &[u8]) -> String {
    let text =
        std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}): {bytes:?}"));
    let bad = acting(text);
    assert!(bad.is_empty(), "{what}: {bad:?} written in:\n{text}");
    text.to_string()
}

/// A config dir holding a bookmarks file and a positions file whose every
/// text field is hostile, and the article they were made in.
struct Stores {
    _dir: tempfile::TempDir,
    config: PathBuf,
    article: PathBuf,
}

fn stores() -> Stores {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    pty::without_mouse(&config);
    let article = dir.path().join("article.txt");
    let text = "Hostile stores\n\nFirst passage about apples.\n\nSecond passage about pears.\n";
    std::fs::write(&article, text).expect("article");
    let doc = Document::new(Source::File(article.clone()), text.to_string());
    let now = SystemTime::now();

    // Found in the article: a hostile id, recorded title, last path and note.
    let mut anchored = Bookmark::new(&doc, 0, 0, now).expect("bookmark");
    anchored.id = format!("ab{}", payload("id"));
    anchored.document.title = payload("title");
    anchored.document.paths.push(payload("/tmp/path"));
    anchored.note = payload("note");
    // An orphan: everything shown comes from the file.
    let mut orphan = Bookmark::new(&doc, 1, 1, now).expect("bookmark");
    orphan.id = format!("cd{}", payload("id2"));
    orphan.document.hash = "0".repeat(64);
    orphan.document.paths = vec![payload("/gone/path")];
    orphan.document.title = payload("orphan-title");
    orphan.anchor.exact = payload("quote");
    orphan.anchor.prefix = payload("prefix");
    orphan.anchor.suffix = payload("suffix");
    orphan.note = payload("orphan-note");
    let mut set = Bookmarks::default();
    set.push(anchored);
    set.push(orphan);
    let (store, _) = Store::open(&config);
    store.save(&set).expect("save bookmarks");

    let mut position = ReadingPosition::new(&doc, 0, 0, 40, false, now).expect("position");
    position.document.title = payload("position-title");
    position.document.paths.push(payload("/tmp/position-path"));
    let mut positions = Positions::default();
    positions.set(position);
    let (store, _) = PositionStore::open(&config);
    store.save(&positions).expect("save positions");
    Stores {
        _dir: dir,
        config,
        article,
    }
}

/// Runs `quire ARGS` with its output to pipes; returns stdout and stderr,
/// both checked.
fn run(config: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(QUIRE)
        .args(args)
        .env("QUIRE_CONFIG_DIR", config)
        .output()
        .expect("run quire");
    let what = format!("quire {args:?}");
    let out = assert_inert(&format!("{what} stdout"), &output.stdout);
    let err = assert_inert(&format!("{what} stderr"), &output.stderr);
    (out, err)
}

/// The stored strings, read back from JSON output: ids, titles, paths,
/// quotes and notes, wherever they are.
fn strings(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => found.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, found)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, found)),
        _ => {}
    }
}

#[test]
fn bookmarks_list_and_exports_to_a_pipe_carry_no_control() {
    let s = stores();
    let (list, _) = run(&s.config, &["bookmarks", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    for line in list.lines() {
        assert_eq!(line.split('\t').count(), 6, "one field each: {line:?}");
    }
    // The payloads are there, made visible.
    assert!(list.contains("abid\u{241B}]0;PWNED\u{2407}"), "{list}");
    assert!(list.contains("orphan-title\u{241B}]0;PWNED"), "{list}");
    assert!(list.contains("/gone/path\u{241B}"), "{list}");

    let (markdown, _) = run(&s.config, &["bookmarks", "export", "--format", "markdown"]);
    // Made visible, and Markdown-escaped (`\]`) so it renders as it reads.
    assert!(
        markdown.contains("/gone/path\u{241B}\\]0;PWNED"),
        "{markdown}"
    );
    assert!(markdown.contains("quote\u{241B}\\]0;PWNED"), "{markdown}");

    // JSON carries the stored values as they were read: sanitized where
    // the file is parsed, so no output can forget to.
    let mut read_back = Vec::new();
    let (lines, _) = run(&s.config, &["bookmarks", "list", "--json"]);
    for line in lines.lines() {
        strings(
            &serde_json::from_str(line).expect("a JSON line"),
            &mut read_back,
        );
    }
    let (export, _) = run(&s.config, &["bookmarks", "export", "--format", "json"]);
    strings(
        &serde_json::from_str(&export).expect("JSON"),
        &mut read_back,
    );
    for field in [
        "id",
        "id2",
        "title",
        "orphan-title",
        "/gone/path",
        "quote",
        "prefix",
        "suffix",
        "note",
        "orphan-note",
    ] {
        let stored = match field {
            "quote" | "prefix" | "suffix" => quire::sanitize::sanitize(&payload(field)),
            _ => quire::sanitize::sanitize_line(&payload(field)),
        };
        assert!(!stored.chars().any(quire::sanitize::is_unsafe));
        // Its own value, not one whose tag merely ends the same way
        // ("orphan-note" also ends in "note…").
        let own = |s: &&String| {
            s.strip_suffix(stored.as_str())
                .is_some_and(|before| !before.ends_with('-'))
        };
        assert!(
            read_back.iter().any(|s| own(&s)),
            "{field} does not read back from the JSON"
        );
    }
}

/// Checks a full-screen session's output: every escape sequence is one of
/// the CSI sequences quire draws with (cursor moves, styles, clearing, the
/// alternate screen, cursor visibility, bracketed paste and mouse modes
/// it sets itself); no OSC, DCS or string sequence; nothing else acting.
fn assert_only_drawing(raw: &[u8]) -> String {
    let text = std::str::from_utf8(raw).expect("UTF-8");
    let mut rest = text;
    let mut plain = String::new();
    while let Some(at) = rest.find('\x1b') {
        plain.push_str(&rest[..at]);
        let sequence = &rest[at + 1..];
        let csi = sequence.strip_prefix('[').unwrap_or_else(|| {
            panic!(
                "a non-CSI sequence was written: {:?}",
                &rest[at..(at + 12).min(rest.len())]
            )
        });
        let params = csi
            .find(|c: char| !matches!(c, '0'..='9' | ';' | '?' | ':'))
            .unwrap_or(csi.len());
        let end = csi[params..].chars().next().expect("a final byte");
        assert!(
            "mHJKGABCDXdhlrt".contains(end),
            "an unexpected sequence: {:?}",
            &csi[..params + 1]
        );
        rest = &csi[params + end.len_utf8()..];
    }
    plain.push_str(rest);
    let bad: Vec<char> = acting(&plain).into_iter().filter(|&c| c != '\r').collect();
    assert!(bad.is_empty(), "{bad:?} written to the terminal");
    plain
}

/// `quire ARGS` on a pseudo-terminal of 120 columns: the view cuts
/// titles and notes to fit, and this leaves room for the payloads checked
/// on screen.
fn on_a_terminal(config: &Path, args: &[&OsStr]) -> Session {
    Session::start_sized(quire(args, config), 30, 120)
}

#[test]
fn bookmarks_list_on_a_terminal_carries_no_control() {
    let s = stores();
    for args in [&["bookmarks", "list"][..], &["bookmarks", "list", "--json"]] {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let (raw, _) = on_a_terminal(&s.config, &args).finish();
        let text = assert_only_drawing(&raw);
        assert!(text.contains("orphan-note"), "{text}");
    }
}

#[test]
fn the_bookmarks_view_and_note_line_carry_no_control() {
    let s = stores();
    let mut terminal = on_a_terminal(&s.config, &[s.article.as_os_str()]);
    terminal.wait_for("Hostile stores");
    terminal.press("B");
    let view = terminal.wait_for("Bookmarks (2)");
    assert!(view.contains("orphan-title\u{241B}]0;PWNED"), "{view}");
    assert!(view.contains("note\u{241B}]0;PWNED"), "{view}");
    // The orphan's note in the line editor (orphans sort last).
    terminal.press("G");
    terminal.press("a");
    let line = terminal.wait_for("Note: ");
    assert!(line.contains("orphan-note\u{241B}]0;PWNED"), "{line}");
    terminal.press("\x1b");
    terminal.wait_for_gone("Note: ");
    terminal.press("q");
    terminal.press("q");
    let (raw, _) = terminal.finish();
    assert_only_drawing(&raw);
}

#[test]
fn config_text_in_error_messages_carries_no_control() {
    let dir = tempfile::tempdir().expect("temp dir");
    for config in [
        "theme = \"\\u001b]0;PWNED\\u0007\\u009b2J\\u202e\"\n",
        "mouse = false\n\u{1b}]0;PWNED\u{7}\u{9b}2J = 1\n",
        "[keys.reader]\n\"\\u001b[2J\\u202e\" = \"quit\"\n",
        "[keys.reader]\nquit = \"\\u001b]0;PWNED\\u0007\"\n",
    ] {
        let file = dir.path().join("config.toml");
        std::fs::write(&file, config).expect("config");
        let output = Command::new(QUIRE)
            .args([OsStr::new("--config"), file.as_os_str(), OsStr::new("list")])
            .env("QUIRE_CONFIG_DIR", dir.path())
            .output()
            .expect("run quire");
        assert_eq!(output.status.code(), Some(2), "{config:?} was accepted");
        let err = assert_inert(&format!("{config:?}"), &output.stderr);
        assert!(err.contains("config"), "{err}");
    }
}

#[test]
fn file_names_in_listings_and_messages_carry_no_control() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    let name = |tag: &str| format!("{tag}-\x1b]0;PWNED\x07\u{9b}2J\u{202E}.txt");
    std::fs::write(folder.join(name("named")), "apples in a named file\n").expect("write");
    std::fs::write(folder.join(name("binary")), b"\0\x01\x02apples").expect("write");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["search", "apples"],
        &["search", "apples", "--json"],
    ] {
        let mut args = args.to_vec();
        args.push(folder.to_str().expect("a UTF-8 temp dir"));
        // Found in a folder, a binary file is passed over quietly; named,
        // it is reported, with its name made harmless.
        let binary = folder.join(name("binary"));
        args.push(binary.to_str().expect("a UTF-8 temp dir"));
        let (out, err) = run(dir.path(), &args);
        assert!(out.contains("named-"), "{args:?}: {out}");
        assert!(err.contains("binary-\u{241B}]0;PWNED"), "{args:?}: {err}");
    }
}
