//! The Markdown export: CommonMark that renders as the passages read in
//! quire when pasted into Obsidian, Logseq or GitHub. Text is escaped (a
//! `RefCell<T>` is not an HTML tag, `¯\_(ツ)_/¯` keeps its backslash, a
//! `#word` is not a tag), code is a fenced block and a table a Markdown
//! table inside the quote, links keep their address and lose quire's
//! `[1]` markers. One section per document, linked to its source; each
//! passage a quote with its date, where it is and a `quire --at` line,
//! its note labelled. The Obsidian flavour adds YAML front matter and a
//! block id under each quote, so a quote can be linked to.

use super::{Entry, rfc3339, source_iri};
use crate::document::{Block, Document};
use crate::sanitize::{sanitize, sanitize_line};

mod inline;

pub use inline::escape;
use inline::{at_line_start, destination, inline, one_line, plain};
use std::sync::Arc;

/// How to write the export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Obsidian: YAML front matter and a block id (`^quire-ID`) per quote.
    pub obsidian: bool,
    /// When the export is made, in milliseconds since the Unix epoch.
    pub exported: u64,
}

/// The bookmarks of one document.
struct Section<'a> {
    title: &'a str,
    path: &'a str,
    doc: Option<&'a Document>,
    items: Vec<&'a Entry<'a>>,
}

/// The whole export of `entries`, found (or not) in `docs`.
pub fn markdown(entries: &[Entry], docs: &[Arc<Document>], options: Options) -> String {
    let mut sections: Vec<Section> = Vec::new();
    for entry in entries {
        let b = entry.bookmark;
        let path = super::path(b);
        match sections.iter_mut().find(|s| s.path == path) {
            Some(section) => section.items.push(entry),
            None => sections.push(Section {
                title: &b.document.title,
                path,
                doc: entry.found.and_then(|r| docs.get(r.doc.0)).map(Arc::as_ref),
                items: vec![entry],
            }),
        }
    }
    let mut out = String::new();
    if options.obsidian {
        out.push_str(&front_matter(
            entries.len(),
            sections.len(),
            options.exported,
        ));
    }
    out.push_str("# Bookmarks from quire\n");
    for section in &sections {
        write_section(&mut out, section, options);
    }
    out
}

/// YAML front matter; strings are written as JSON strings, which YAML
/// reads as the same strings whatever they hold.
fn front_matter(bookmarks: usize, documents: usize, exported: u64) -> String {
    let quoted = |s: &str| serde_json::Value::from(s).to_string();
    format!(
        "---\ntitle: {}\nexported: {}\nbookmarks: {bookmarks}\ndocuments: {documents}\ntags:\n  - quire\n---\n\n",
        quoted("Bookmarks from quire"),
        quoted(&rfc3339(exported)),
    )
}

fn write_section(out: &mut String, section: &Section, options: Options) {
    out.push_str(&format!(
        "\n## {}\n\n",
        escape(&sanitize_line(section.title))
    ));
    let meta = section.doc.map(|d| d.meta.as_ref());
    let url = meta.and_then(|m| m.url.as_deref());
    let mut about = vec![source_link(section.path, url)];
    if let Some(author) = meta.and_then(|m| m.author.as_deref()) {
        about.push(format!("by {}", escape(author)));
    }
    if let Some(site) = meta.and_then(|m| m.site.as_deref()) {
        about.push(escape(site));
    }
    out.push_str(&format!("Source: {}\n", about.join(" · ")));
    for entry in &section.items {
        write_entry(out, entry, section.doc, options);
    }
}

/// A link to the page's address when known, else to the file.
fn source_link(path: &str, url: Option<&str>) -> String {
    let shown = escape(&sanitize_line(url.unwrap_or(path)));
    match source_iri(path, url) {
        Some(iri) if !iri.starts_with("urn:") => format!("[{shown}]({})", destination(&iri)),
        _ => shown,
    }
}

fn write_entry(out: &mut String, entry: &Entry, doc: Option<&Document>, options: Options) {
    let b = entry.bookmark;
    out.push('\n');
    let whole = doc.zip(entry.found).filter(|_| !b.anchor.truncated);
    let lines = match whole {
        Some((doc, r)) => passages(doc, r.passage, r.passage_end),
        None => kept_quote(&b.anchor.exact, b.anchor.truncated),
    };
    for line in lines {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!("> {line}\n"));
        }
    }
    if options.obsidian {
        out.push_str(&format!("\n^quire-{}\n", block_id(&b.id)));
    }
    let mut about = vec![format!("kept {}", &rfc3339(b.created)[..10])];
    if let Some((doc, r)) = doc.zip(entry.found) {
        if let Some(heading) = heading_over(doc, r.passage) {
            about.push(format!("under “{}”", escape(&heading)));
        }
        about.push(format!("{}%", percent(doc, r.passage)));
    } else {
        about.push("not found in the current text".to_string());
    }
    // An id another tool or a damaged file made may not be typeable.
    let plain = !b.id.is_empty() && b.id.chars().all(|c| c.is_ascii_alphanumeric());
    let open = if plain {
        format!(" · `quire --at {}`", b.id)
    } else {
        String::new()
    };
    out.push_str(&format!("\n*{}*{open}\n", about.join(" · ")));
    if !b.note.is_empty() {
        // A note from another tool may run over several lines.
        let note = sanitize_line(&one_line(&b.note));
        out.push_str(&format!("\n**Note:** {}\n", escape(&note)));
    }
}

/// An id as it may appear in a block id or a command: letters, digits and
/// dashes only (ids from other tools may hold anything).
fn block_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The stored quote, paragraph by paragraph, when the document is not
/// at hand (or the quote is only the start of a very long passage).
fn kept_quote(exact: &str, truncated: bool) -> Vec<String> {
    let text = sanitize(exact);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(at_line_start(&escape(&one_line(paragraph))));
    }
    if truncated {
        // Only the first 4 KiB of a very long passage is kept.
        lines.push(String::new());
        lines.push("…".to_string());
    }
    lines
}

/// Passages `first..=last` of `doc` as Markdown lines (to be quoted).
fn passages(doc: &Document, first: usize, last: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for index in first..=last {
        let Some(passage) = doc.passages.get(index) else {
            break;
        };
        let block = passage_lines(doc, index, &passage.block);
        if block.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        // The text may come from a document made without the sanitizer.
        lines.extend(block.iter().map(|l| sanitize_line(l)));
    }
    lines
}

fn passage_lines(doc: &Document, index: usize, block: &Block) -> Vec<String> {
    let base = doc.url();
    let range = doc.passages[index].range.clone();
    let text = &doc.text[range.clone()];
    match block {
        Block::Code => fenced(text),
        Block::Table => table(text).unwrap_or_else(|| fenced(text)),
        Block::Rule => vec!["***".to_string()],
        Block::Heading(_) => {
            let text = inline(doc, range, base);
            // `****` would be a rule.
            if text.is_empty() {
                Vec::new()
            } else {
                vec![format!("**{text}**")]
            }
        }
        Block::ListItem { depth, marker } => {
            let pad = " ".repeat((*depth as usize * 2).min(3));
            let number = marker.trim_end_matches('.');
            let bullet = if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                format!("{number}.")
            } else {
                "-".to_string()
            };
            vec![format!("{pad}{bullet} {}", inline(doc, range, base))]
        }
        Block::Quote { depth } => {
            vec![format!(
                "{}{}",
                "> ".repeat(*depth as usize),
                inline(doc, range, base)
            )]
        }
        Block::Paragraph => vec![at_line_start(&inline(doc, range, base))],
    }
}

/// Code as a fenced block, its fence longer than any backtick run in it.
fn fenced(text: &str) -> Vec<String> {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let mut lines = vec![fence.clone()];
    lines.extend(text.lines().map(str::to_string));
    lines.push(fence);
    lines
}

/// A table quire laid out in columns (`a │ b`, a `─┼─` rule under the
/// header) as a Markdown table; None when it has no cells.
fn table(text: &str) -> Option<Vec<String>> {
    let is_rule = |l: &str| !l.trim().is_empty() && l.chars().all(|c| matches!(c, '─' | '┼' | ' '));
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !is_rule(l))
        .map(|l| l.split('│').map(|c| escape(c.trim())).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max()?;
    let row = |cells: &[String]| {
        let mut all: Vec<&str> = cells.iter().map(String::as_str).collect();
        all.resize(columns, "");
        format!("| {} |", all.join(" | "))
    };
    let mut lines = vec![row(&rows[0])];
    lines.push(format!("|{}", " --- |".repeat(columns)));
    lines.extend(rows[1..].iter().map(|r| row(r)));
    Some(lines)
}

/// The heading passage `passage` sits under, if any.
fn heading_over(doc: &Document, passage: usize) -> Option<String> {
    let upto = passage.min(doc.passages.len().checked_sub(1)?);
    doc.passages[..=upto]
        .iter()
        .rev()
        .find(|p| matches!(p.block, Block::Heading(_)))
        .map(|p| sanitize_line(&one_line(&plain(doc, p.range.clone()))))
}

/// How far through the text passage `passage` starts, in percent.
fn percent(doc: &Document, passage: usize) -> usize {
    let start = doc.passages.get(passage).map_or(0, |p| p.range.start);
    start * 100 / doc.text.len().max(1)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
