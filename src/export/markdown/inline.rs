//! Inline Markdown for the export: a passage's text escaped so it reads
//! the same in any CommonMark renderer (and in Obsidian and Logseq),
//! its links kept with an address that works outside the page.

use crate::document::{Document, SpanStyle};
use crate::sanitize::sanitize_line;
use std::ops::Range;

/// A passage's text.
pub(super) fn plain(doc: &Document, range: Range<usize>) -> String {
    doc.text[range].to_string()
}

/// The spans inside passage `range`, with their styles.
pub(super) fn spans_in(doc: &Document, range: Range<usize>) -> Vec<(Range<usize>, SpanStyle)> {
    doc.spans
        .iter()
        .filter(|s| s.range().start >= range.start && s.range().end <= range.end)
        .map(|s| (s.range(), s.style))
        .collect()
}

/// Joins a paragraph's lines into one, as the reader wraps them.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One passage's text as inline Markdown: escaped, links kept with their
/// absolute address, inline code as code.
pub(super) fn inline(doc: &Document, range: Range<usize>, base: Option<&str>) -> String {
    let text = &doc.text;
    let spans = spans_in(doc, range.clone());
    let mut pieces: Vec<(Range<usize>, Piece)> = Vec::new();
    for (r, style) in &spans {
        let piece = match style {
            SpanStyle::Code => Piece::Code,
            SpanStyle::Link => {
                let url = doc.links.iter().find(|l| l.start == r.start).map(|l| l.url);
                Piece::Link(url.and_then(|u| absolute(u, base)))
            }
            _ => continue,
        };
        pieces.push((r.clone(), piece));
    }
    pieces.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::new();
    let mut at = range.start;
    for (r, piece) in pieces {
        if r.start < at {
            continue; // Overlaps a piece already written.
        }
        out.push_str(&escape(&text[at..r.start]));
        let inner = &text[r.clone()];
        match piece {
            Piece::Code => out.push_str(&code_span(inner)),
            Piece::Link(Some(url)) => {
                out.push_str(&format!("[{}]({})", escape(inner), destination(&url)))
            }
            Piece::Link(None) => out.push_str(&escape(inner)),
        }
        at = r.end;
    }
    out.push_str(&escape(&text[at..range.end]));
    one_line(&out)
}

/// What a styled run of a passage becomes.
enum Piece {
    Code,
    /// A link, with its address when that is absolute.
    Link(Option<String>),
}

/// A link's address as one that works outside the page: as it is when
/// it has a scheme, else resolved against the page's address `base`;
/// None for a relative one without a base, or a link within the page.
pub(super) fn absolute(url: &str, base: Option<&str>) -> Option<String> {
    if has_scheme(url) {
        return Some(url.to_string());
    }
    let base = base.filter(|b| has_scheme(b))?;
    if url.is_empty() || url.starts_with('#') {
        return None;
    }
    let (scheme, rest) = base.split_once("://")?;
    if let Some(host_relative) = url.strip_prefix("//") {
        return Some(format!("{scheme}://{host_relative}"));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if url.starts_with('/') {
        return Some(format!("{scheme}://{host}{url}"));
    }
    // Relative to the page's folder.
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let folder = path.rfind('/').map_or(path, |cut| &path[..cut]);
    Some(format!("{scheme}://{folder}/{url}"))
}

/// True for an address with a scheme (`https:`, `mailto:`).
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A link destination in angle brackets (spaces and parentheses are then
/// part of it), without what would end or break it.
pub(super) fn destination(url: &str) -> String {
    let url: String = sanitize_line(url)
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '\\'))
        .collect();
    format!("<{url}>")
}

/// Inline code that shows `text` as it is, whatever backticks it holds.
fn code_span(text: &str) -> String {
    let text = one_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    // A space on each side is taken off again by the renderer.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// Escapes what CommonMark, GitHub, Obsidian or Logseq would read as
/// markup anywhere in a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let special = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '&'
                | '|'
                | '~'
                | '#'
                | '$'
                | '='
                | '^'
                | '{'
                | '}'
                | '%'
        ) || (c == ':' && chars.peek() == Some(&':'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would start a block at the start of a line: a list
/// marker (`-`, `+`, `1.`, `1)`).
pub(super) fn at_line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
        return format!("{}\\{rest}", &line[..digits]);
    }
    if line.starts_with(['-', '+']) {
        return format!("\\{line}");
    }
    line.to_string()
}
