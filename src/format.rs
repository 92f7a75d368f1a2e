//! Which parser a text goes to when its name does not say (standard input,
//! a pipe like `<(curl …)`, a file without an ending): HTML and Markdown
//! are told from their first few kilobytes, anything else is plain text.
//! `--format` says it outright.

use clap::ValueEnum;

/// How much of the start of a text is looked at.
const SNIFF_BYTES: usize = 8 * 1024;

/// A text's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// The format of a text with no telling name, from its start.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = String::from_utf8_lossy(head);
    if looks_like_html(&head) {
        Format::Html
    } else if looks_like_markdown(&head) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// A page: it opens with a doctype, `<html>` or an XML declaration, or
/// its start holds the tags only a page has.
fn looks_like_html(head: &str) -> bool {
    let lower = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let lower = lower.to_ascii_lowercase();
    // A page saved without its opening (`<meta charset>` first) is one too.
    if ["<meta ", "<head>", "<body", "<title>"]
        .iter()
        .any(|start| lower.starts_with(start))
    {
        return true;
    }
    if ["<!doctype html", "<html", "<?xml"]
        .iter()
        .any(|start| lower.starts_with(start))
    {
        return !lower.starts_with("<?xml") || lower.contains("<html");
    }
    ["<head>", "<head ", "<body>", "<body ", "<meta ", "<title>"]
        .iter()
        .filter(|tag| lower.contains(*tag))
        .count()
        >= 2
}

/// Markdown: an ATX heading at the start of a line, a code fence or an
/// inline link each count twice; emphasis, list items and setext
/// underlines once. Plain prose rarely scores three.
fn looks_like_markdown(head: &str) -> bool {
    let mut score = 0;
    let mut previous_had_text = false;
    for line in head.lines() {
        let trimmed = line.trim_end();
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let heading = (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ');
        if heading || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            score += 2;
        } else {
            let underline = previous_had_text
                && trimmed.len() >= 3
                && (trimmed.bytes().all(|b| b == b'=') || trimmed.bytes().all(|b| b == b'-'));
            let item = ["- ", "* ", "+ "].iter().any(|m| trimmed.starts_with(m));
            score += usize::from(underline || item);
        }
        if trimmed.contains("](") && trimmed.contains('[') {
            score += 2;
        }
        if trimmed.matches("**").count() >= 2 || trimmed.matches('`').count() >= 2 {
            score += 1;
        }
        previous_had_text = !trimmed.trim().is_empty();
        if score >= 3 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_by_their_opening_or_their_tags() {
        assert_eq!(sniff(b"\n<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff(b"<HTML><body>x</body></HTML>"), Format::Html);
        assert_eq!(
            sniff(b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>"),
            Format::Html
        );
        assert_eq!(
            sniff(b"<meta charset=utf-8><title>T</title><p>x"),
            Format::Html
        );
        assert_eq!(sniff(b"<?xml version='1.0'?><feed></feed>"), Format::Text);
    }

    #[test]
    fn markdown_needs_more_than_one_hint() {
        assert_eq!(
            sniff(b"# Title\n\nSee [the docs](https://x.example)."),
            Format::Markdown
        );
        assert_eq!(sniff(b"Intro\n\n```\ncode\n```\n"), Format::Markdown);
        assert_eq!(sniff(b"Title\n=====\n\n- one\n- two\n"), Format::Markdown);
        // A plain letter with a dash list and a hash-tag is still text.
        assert_eq!(
            sniff(b"Dear all,\n\n- bring food\n\nSee you #soon\n"),
            Format::Text
        );
        assert_eq!(sniff(b"Plain words, a <b> and a > c.\n"), Format::Text);
    }
}
