//! `--format text|markdown|html` through the real binary: it says how
//! standard input and files are read when their start or their name
//! would say otherwise, in the reader, `quire list`, `show` and `search`.

#[path = "support/tmux.rs"]
mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs quire with `args`, `input` on its standard input.
fn quire(config: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
        .env("QUIRE_CONFIG_DIR", config)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run quire");
    let mut stdin = child.stdin.take().expect("stdin");
    // A run refused on its arguments exits without reading it.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("quire output")
}

fn stdout(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Markdown that the sniffing recognises as such.
const MARKDOWN: &[u8] = b"# Title\n\nSome *text* and [a link](x.md).\n";

/// A fragment of a page: too little for the sniffing to call it HTML.
const FRAGMENT: &str = "<p>Hello <b>there</b>, reader.</p>\n<p>Second part.</p>\n";

#[test]
fn format_text_keeps_markdown_on_standard_input_as_it_is() {
    let config = tempfile::tempdir().unwrap();
    let sniffed = stdout(&quire(config.path(), &["show", "-"], MARKDOWN));
    assert!(sniffed.contains("Some text and a link."), "{sniffed}");
    let text = stdout(&quire(
        config.path(),
        &["show", "--format", "text", "-"],
        MARKDOWN,
    ));
    assert!(text.contains("Some *text* and [a link](x.md)."), "{text}");
    // Said before the subcommand, it counts as well.
    let before = quire(config.path(), &["--format", "text", "show", "-"], MARKDOWN);
    assert_eq!(stdout(&before), text);
}

#[test]
fn format_html_reads_a_file_without_an_ending_as_a_page() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page");
    std::fs::write(&page, FRAGMENT).unwrap();
    let page = page.to_str().unwrap();
    let sniffed = stdout(&quire(config.path(), &["show", page], b""));
    assert!(sniffed.contains("<b>there</b>"), "{sniffed}");

    let shown = stdout(&quire(
        config.path(),
        &["show", "--format", "html", page],
        b"",
    ));
    assert!(shown.contains("Hello there, reader."), "{shown}");
    assert!(!shown.contains("<b>"), "{shown}");
    let listed = stdout(&quire(
        config.path(),
        &["list", "--format", "html", page],
        b"",
    ));
    assert!(listed.starts_with("Hello there, reader.\t"), "{listed}");
    let args = ["search", "--format", "html", "there", page];
    let found = stdout(&quire(config.path(), &args, b""));
    assert!(found.contains(":1: Hello there, reader."), "{found}");
    assert!(!found.contains("<b>"), "{found}");
}

#[test]
fn format_overrides_the_ending_of_a_named_file() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, MARKDOWN).unwrap();
    let notes = notes.to_str().unwrap();
    let shown = stdout(&quire(
        config.path(),
        &["show", "--format", "text", notes],
        b"",
    ));
    assert!(shown.contains("Some *text* and [a link](x.md)."), "{shown}");
    let found = quire(
        config.path(),
        &["search", "--format", "text", "x.md", notes],
        b"",
    );
    assert!(stdout(&found).contains("[a link](x.md)"), "{found:?}");
}

#[test]
fn an_unknown_format_is_a_usage_error_naming_the_formats() {
    let config = tempfile::tempdir().unwrap();
    let refused = quire(config.path(), &["show", "--format", "pdf", "-"], b"x");
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("invalid value 'pdf'"), "{message}");
    assert!(message.contains("text, markdown, html"), "{message}");
    assert!(refused.stdout.is_empty());
}

#[test]
fn the_reader_reads_a_named_file_as_the_format_given() {
    if !support::tmux_available("the_reader_reads_a_named_file_as_the_format_given") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page");
    std::fs::write(&page, FRAGMENT).unwrap();
    let quire = support::Tmux::quire(80, 24, &["--format", "html", page.to_str().unwrap()]);
    let screen = quire.wait_for_text("Hello there, reader.");
    assert!(!screen.contains("<b>"), "{}", support::framed(&screen));
}
