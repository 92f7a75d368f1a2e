//! End to end: the real `quire` binary on a pseudo-terminal reads articles
//! full of terminal control sequences (in plain text, Markdown and HTML
//! entities, file names and standard input), and every byte it writes is
//! fed to a `vt100` terminal emulator whose callbacks count what a real
//! terminal would have done: ring, retitle, write the clipboard, turn on the
//! mouse. None of that may happen; the screen must show `␛` instead. The
//! pty harness is in `support/pty.rs`.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::{DEADLINE, Session, Shared, quire, without_mouse};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// Shown by the sanitizer in place of ESC.
const ESC_PICTURE: char = '\u{241B}';

/// What a file tries to make the terminal do, each with its own name so a
/// failure says which one got through.
const PAYLOADS: &[(&str, &str)] = &[
    ("osc52", "\x1b]52;c;SGVsbG8gZnJvbSBxdWlyZQ==\x07"),
    ("osc0", "\x1b]0;pwned-title-0\x07"),
    ("osc2", "\x1b]2;pwned-title-2\x1b\\"),
    ("clear", "\x1b[2J\x1b[H"),
    ("altscreen-on", "\x1b[?1049h"),
    ("altscreen-off", "\x1b[?1049l"),
    ("mouse", "\x1b[?1000h\x1b[?1006h"),
    ("bell", "\x07"),
    ("decset", "\x1b[?25l\x1b[?2004h"),
    ("decrst", "\x1b[?7l\x1b[?25h"),
    ("c1-csi", "\u{9b}?1000h\u{9b}2J"),
    ("c1-osc", "\u{9d}0;pwned-c1-title\u{9c}"),
    ("del", "\x7f"),
    ("bidi", "\u{202E}evil\u{202C}\u{2066}x\u{2069}"),
];

/// Sequences quire writes itself that vt100 does not implement: SGR 59
/// resets the underline colour (ratatui's `underline-color` feature).
/// quire's own sequences the emulator does not model: an SGR reset.
const QUIRES_OWN_UNHANDLED: &[&str] = &["csi [[59]]m"];

/// Writes every payload as numeric character references, the way an
/// entity-encoded article would carry them (`&#27;`, `&#x1b;`, `&#x9b;`).
fn entities(text: &str, hex: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{2069}' if hex => {
                format!("&#x{:x};", c as u32)
            }
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{2069}' => {
                format!("&#{};", c as u32)
            }
            '<' => "&lt;".into(),
            '&' => "&amp;".into(),
            _ => c.to_string(),
        })
        .collect()
}

/// A body with every payload on its own line between a begin and an end
/// marker, with filler so the reader has to page.
fn body(tag: &str, encode: impl Fn(&str) -> String, paragraph: (&str, &str)) -> String {
    let (open, close) = paragraph;
    let mut out = format!("{open}BEGIN-{tag} opens the article.{close}\n\n");
    for (name, payload) in PAYLOADS {
        out.push_str(&format!(
            "{open}{name}: <{}> after{close}\n\n",
            encode(payload)
        ));
    }
    for i in 0..40 {
        out.push_str(&format!("{open}Filler paragraph {i} of {tag}.{close}\n\n"));
    }
    out.push_str(&format!("{open}END-{tag} closes the article.{close}\n"));
    out
}

/// The hostile corpus: (file name, contents, tag shown at its start).
fn corpus(dir: &Path) -> Vec<String> {
    let plain = |s: &str| s.to_string();
    let html_p = ("<p>", "</p>");
    let files: Vec<(Vec<u8>, String, &str)> = vec![
        (
            b"plain.txt".to_vec(),
            format!("Plain hostile\n\n{}", body("plain", plain, ("", ""))),
            "plain",
        ),
        (
            b"entities-dec.md".to_vec(),
            format!(
                "# Markdown decimal\n\n{}",
                body("mddec", |s| entities(s, false), ("", ""))
            ),
            "mddec",
        ),
        (
            b"entities-hex.md".to_vec(),
            format!(
                "# Markdown hex\n\n{}",
                body("mdhex", |s| entities(s, true), ("", ""))
            ),
            "mdhex",
        ),
        (
            b"raw.md".to_vec(),
            format!("# Markdown raw\n\n{}", body("mdraw", plain, ("", ""))),
            "mdraw",
        ),
        (
            b"page.html".to_vec(),
            format!(
                "<html><head><title>HTML entities</title></head><body>{}</body></html>",
                body("html", |s| entities(s, true), html_p)
            ),
            "html",
        ),
        (
            b"page-dec.htm".to_vec(),
            format!(
                "<title>HTML decimal</title>{}",
                body("htmldec", |s| entities(s, false), html_p)
            ),
            "htmldec",
        ),
    ];
    let mut tags = Vec::new();
    for (name, text, tag) in files {
        std::fs::write(dir.join(OsStr::from_bytes(&name)), text).expect("write fixture");
        tags.push(tag.to_string());
    }
    // A file whose name is the attack, with no text of its own, so the
    // name is its title in the list; and a binary one whose name is
    // reported on standard error before the reader starts.
    // It sits in a folder that sorts last, so `]` meets it after the rest.
    let name = b"named-\x1b]0;pwned-name\x07\x1b[?1000h\x1b[2J\x9b2J.txt";
    let last = dir.join("zz");
    std::fs::create_dir(&last).expect("folder");
    std::fs::write(last.join(OsStr::from_bytes(name)), "").expect("write named");
    let binary = b"binary-\x1b]52;c;cHduZWQ=\x07.txt";
    std::fs::write(dir.join(OsStr::from_bytes(binary)), b"\0\x01\x02").expect("write binary");
    tags
}

/// Every escape sequence quire writes on its own: cursor moves, styles,
/// clearing, cursor visibility, the alternate screen and bracketed paste. Anything else in
/// the output (an OSC, a DCS, mouse modes) can only have come from a file.
fn assert_only_quires_own_sequences(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\x1b' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let kind = chars.get(i).copied();
        assert_eq!(
            kind,
            Some('['),
            "a non-CSI escape sequence reached the terminal: {:?}",
            chars[start..(start + 12).min(chars.len())]
                .iter()
                .collect::<String>()
        );
        i += 1;
        while i < chars.len() && ('\u{30}'..='\u{3f}').contains(&chars[i]) {
            i += 1;
        }
        while i < chars.len() && ('\u{20}'..='\u{2f}').contains(&chars[i]) {
            i += 1;
        }
        let sequence: String = chars[start..(i + 1).min(chars.len())].iter().collect();
        let params = &sequence[2..sequence.len() - 1];
        let allowed = match sequence.chars().last() {
            // Private modes: only cursor visibility, the alternate screen
            // and bracketed paste (counted in assert_terminal_untouched).
            Some('h' | 'l') => matches!(params, "?25" | "?1049" | "?2004"),
            Some('m' | 'H' | 'J' | 'K' | 'G' | 'A' | 'B' | 'C' | 'D' | 'X' | 'd') => {
                !params.starts_with('?')
            }
            _ => false,
        };
        assert!(
            allowed,
            "an escape sequence quire does not write itself reached the terminal: {sequence:?}"
        );
        i += 1;
    }
}

/// The checks shared by every session: nothing a file holds acted on the
/// terminal, and quire's own switches happened once each.
fn assert_terminal_untouched(raw: &[u8], shared: &Shared) {
    let oracle = shared.parser.callbacks();
    assert_eq!(oracle.bells, 0, "a bell rang");
    assert!(
        oracle.titles.is_empty(),
        "titles were set: {:?}",
        oracle.titles
    );
    assert!(
        oracle.clipboard.is_empty(),
        "the clipboard was used: {:?}",
        oracle.clipboard
    );
    let unknown: Vec<&String> = oracle
        .unhandled
        .iter()
        .filter(|u| !QUIRES_OWN_UNHANDLED.contains(&u.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "sequences the emulator did not know: {unknown:?}"
    );
    assert!(
        shared.watch.mouse_modes.is_empty(),
        "mouse reporting was turned on: {:?}",
        shared.watch.mouse_modes
    );
    assert_eq!(
        shared.watch.screen_switches,
        vec![true, false],
        "quire enters the alternate screen once and leaves it once"
    );
    assert!(!shared.parser.screen().alternate_screen());
    // Valid UTF-8 as a whole: a raw C1 byte (0x9B CSI, 0x9D OSC) would not
    // be. Decoding the whole capture keeps multi-byte characters such as
    // `␛` (E2 90 9B) whole, so their continuation bytes are not mistaken
    // for C1 controls.
    let text = std::str::from_utf8(raw).expect("quire's output is valid UTF-8");
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\x1b' | '\r' | '\n'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "control characters written: {bad:?}");
    for needle in ["\x1b]", "\x1bP", "\x1b_", "\x1b[?1000", "\x1b[?1006"] {
        assert!(!text.contains(needle), "{needle:?} written");
    }
    // quire turns bracketed paste on once, itself, and off when it leaves.
    assert_eq!(
        text.matches("\x1b[?2004h").count(),
        1,
        "bracketed paste switched on by a file"
    );
    assert!(!shared.parser.screen().bracketed_paste());
    assert_only_quires_own_sequences(text);
}

/// Reads each open document page by page until its end marker shows, then
/// moves on with `]`, until every tag has been seen.
fn read_through(session: &mut Session, tags: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for step in 0..tags.len() {
        let screen = session.wait_until("an article's first page", |s| {
            tags.iter()
                .any(|t| !seen.contains(t) && s.contains(&format!("BEGIN-{t} ")))
        });
        let tag = tags
            .iter()
            .find(|t| !seen.contains(*t) && screen.contains(&format!("BEGIN-{t} ")))
            .cloned()
            .unwrap_or_default();
        assert!(
            screen.contains(ESC_PICTURE),
            "{tag}: ESC is not shown as {ESC_PICTURE}:\n{screen}"
        );
        let end = format!("END-{tag} ");
        let start = Instant::now();
        while !session.screen().contains(&end) {
            assert!(start.elapsed() < DEADLINE, "{tag}: never reached its end");
            session.press(" ");
            thread::sleep(Duration::from_millis(100));
        }
        seen.insert(tag);
        if step + 1 < tags.len() {
            session.press("]");
        }
    }
    seen
}

#[test]
fn hostile_files_and_names_never_control_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).expect("articles dir");
    let config = dir.path().join("config");
    let tags = corpus(&articles);
    // Found in the folder, the binary file is passed over quietly; named
    // too, it is reported.
    let binary = articles.join(OsStr::from_bytes(b"binary-\x1b]52;c;cHduZWQ=\x07.txt"));

    let mut session = Session::start(quire(&[articles.as_os_str(), binary.as_os_str()], &config));
    // The list: the file named with escapes has its name as its title.
    let list = session.wait_for("Articles");
    let list = if list.contains("named-") {
        list
    } else {
        session.wait_for("named-")
    };
    let named = list
        .lines()
        .find(|l| l.contains("named-"))
        .unwrap_or_default();
    assert!(
        named.contains(ESC_PICTURE),
        "file name shown raw: {named:?}"
    );

    // Open the first document and read every one of them.
    session.press("\r");
    let mut sorted = tags.clone();
    sorted.sort();
    let seen = read_through(&mut session, &tags);
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), sorted);
    session.press("q");
    let (raw, shared) = session.finish();
    assert_terminal_untouched(&raw, &shared);
    // The binary file was reported on standard error (the same pty) with
    // its name made visible.
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("binary-\u{241b}]52;c;cHduZWQ="),
        "binary file not reported"
    );
    assert!(
        text.contains("\u{241b}[2J") && text.contains("\u{241b}]52;c;"),
        "payloads were not shown as visible text"
    );
}

#[test]
fn hostile_standard_input_never_controls_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input.txt");
    std::fs::write(
        &input,
        format!(
            "Stdin hostile\n\n{}",
            body("stdin", |s| s.to_string(), ("", ""))
        ),
    )
    .expect("write input");
    let config = dir.path().join("config");
    // quire reads the article from standard input and its keys from the
    // controlling terminal, as after `curl ... | quire -`.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        OsStr::new("-c"),
        OsStr::new("exec \"$0\" - < \"$1\""),
        OsStr::new(env!("CARGO_BIN_EXE_quire")),
        input.as_os_str(),
    ]);
    without_mouse(&config);
    cmd.env("QUIRE_CONFIG_DIR", &config);
    cmd.env("TERM", "xterm-256color");
    let mut session = Session::start(cmd);
    session.wait_for("Stdin hostile");
    session.press("\r");
    let seen = read_through(&mut session, &["stdin".to_string()]);
    assert_eq!(seen.len(), 1);
    session.press("q");
    let (raw, shared) = session.finish();
    assert_terminal_untouched(&raw, &shared);
}
