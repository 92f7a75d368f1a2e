//! Bookmarks out of quire: one line per bookmark for `quire bookmarks list`,
//! a readable Markdown list grouped by document, and a W3C Web Annotation
//! `AnnotationCollection` (JSON-LD) for other tools.
//!
//! Everything in a bookmark came from `bookmarks.json`, a file that is
//! synced, shared and restored from backups: as untrusted as an article.
//! The text forms pass every field through the sanitizer; the JSON forms
//! keep the stored values (they read back the same) and are written with
//! [`json_text`], whose escapes leave nothing a terminal acts on.

use crate::bookmarks::{Bookmark, Bookmarks, Resolved};
use crate::sanitize::{inert_json, sanitize, sanitize_line};
use serde_json::{Value, json};
use std::time::{Duration, UNIX_EPOCH};

/// A live bookmark with where it resolved to (None: an orphan).
pub struct Entry<'a> {
    pub bookmark: &'a Bookmark,
    pub found: Option<Resolved>,
}

/// The live bookmarks of `set` paired with their resolution.
pub fn entries<'a>(set: &'a Bookmarks, resolved: &[Option<Resolved>]) -> Vec<Entry<'a>> {
    set.live()
        .map(|i| Entry {
            bookmark: &set.items[i],
            found: resolved.get(i).copied().flatten(),
        })
        .collect()
}

fn status(entry: &Entry) -> &'static str {
    if entry.found.is_some() {
        "anchored"
    } else {
        "orphan"
    }
}

fn path(b: &Bookmark) -> &str {
    b.document.paths.last().map_or("", String::as_str)
}

fn rfc3339(ms: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(ms)).to_string()
}

/// One tab-separated line: id, title, path, quote, note, status, each
/// sanitized (so also free of tabs and line breaks).
pub fn line(entry: &Entry) -> String {
    let b = entry.bookmark;
    let fields = [b.id.as_str(), &b.document.title, path(b), &b.note];
    let [id, title, path, note] = fields.map(sanitize_line);
    format!(
        "{id}\t{title}\t{path}\t{}\t{note}\t{}",
        b.quote_line(),
        status(entry)
    )
}

/// JSON text for `value`, one line, safe to print to a terminal.
pub fn json_text(value: &Value) -> String {
    inert_json(&value.to_string())
}

/// JSON text for `value`, indented, safe to print to a terminal.
pub fn json_text_pretty(value: &Value) -> String {
    // A `Value` always serializes (its keys are strings).
    inert_json(&serde_json::to_string_pretty(value).unwrap_or_default())
}

/// One JSON object: id, title, path, quote, note, status and the anchor.
pub fn json_line(entry: &Entry) -> Value {
    let b = entry.bookmark;
    json!({
        "id": b.id,
        "title": b.document.title,
        "path": path(b),
        "paths": b.document.paths,
        "quote": b.anchor.exact,
        "note": b.note,
        "status": status(entry),
        "passage": entry.found.map_or(b.anchor.passage, |r| r.passage),
        "passage_end": entry.found.map_or(b.anchor.passage_end, |r| r.passage_end),
        "created": rfc3339(b.created),
        "updated": rfc3339(b.updated),
    })
}

/// Markdown: a section per document, each bookmark a block quote with its
/// note under it.
pub fn markdown(entries: &[Entry]) -> String {
    let mut out = String::from("# Bookmarks\n");
    let mut groups: Vec<(&str, &str, Vec<&Entry>)> = Vec::new();
    for entry in entries {
        let b = entry.bookmark;
        match groups.iter_mut().find(|g| g.1 == path(b)) {
            Some(group) => group.2.push(entry),
            None => groups.push((&b.document.title, path(b), vec![entry])),
        }
    }
    for (title, path, items) in groups {
        out.push_str(&format!(
            "\n## {}\n\n`{}`\n",
            sanitize_line(title),
            sanitize_line(path)
        ));
        for entry in items {
            let b = entry.bookmark;
            out.push('\n');
            for line in sanitize(&b.anchor.exact).lines() {
                out.push_str(&format!("> {line}\n"));
            }
            if b.anchor.truncated {
                // Only the first 4 KiB of a very long passage is kept.
                out.push_str("> …\n");
            }
            if !b.note.is_empty() {
                out.push_str(&format!("\n{}\n", sanitize_line(&b.note)));
            }
            if entry.found.is_none() {
                out.push_str("\n*(not found in the current text)*\n");
            }
        }
    }
    out
}

/// The W3C Web Annotation form of one bookmark.
fn annotation(entry: &Entry) -> Value {
    let b = entry.bookmark;
    let mut value = json!({
        "id": format!("urn:quire:bookmark:{}", b.id),
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": rfc3339(b.created),
        "modified": rfc3339(b.updated),
        "target": {
            "source": path(b),
            "selector": [
                { "type": "TextQuoteSelector", "exact": b.anchor.exact, "prefix": b.anchor.prefix, "suffix": b.anchor.suffix },
                { "type": "TextPositionSelector", "start": b.anchor.start, "end": b.anchor.end },
            ],
        },
    });
    if !b.note.is_empty() {
        value["body"] = json!({ "type": "TextualBody", "value": b.note, "format": "text/plain", "purpose": "commenting" });
    }
    value
}

/// A W3C `AnnotationCollection` holding every bookmark in one page.
pub fn annotation_collection(entries: &[Entry]) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "quire bookmarks",
        "total": entries.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": entries.iter().map(annotation).collect::<Vec<_>>(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use std::sync::Arc;
    use std::time::SystemTime;

    fn sample() -> (Vec<Arc<Document>>, Bookmarks) {
        let d = Document::new(
            Source::File("a.md".into()),
            "Title\n\nfirst \u{1b}[2J para\n\nsecond".into(),
        );
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 0, 0, SystemTime::now()).unwrap());
        let mut noted = Bookmark::new(&d, 1, 1, SystemTime::now()).unwrap();
        noted.note = "keep".into();
        set.push(noted);
        (vec![Arc::new(d)], set)
    }

    #[test]
    fn collection_has_quote_and_position_selectors() {
        let (docs, set) = sample();
        let resolved = set.resolve(&docs);
        let value = annotation_collection(&entries(&set, &resolved));
        assert_eq!(value["type"], "AnnotationCollection");
        assert_eq!(value["total"], 2);
        let item = &value["first"]["items"][1];
        assert_eq!(item["motivation"], "bookmarking");
        assert_eq!(item["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(item["target"]["selector"][0]["exact"], "second");
        assert_eq!(
            item["target"]["selector"][1]["type"],
            "TextPositionSelector"
        );
        assert_eq!(item["body"]["value"], "keep");
        assert!(value["first"]["items"][0].get("body").is_none());
    }

    #[test]
    fn markdown_groups_quotes_by_document() {
        let (docs, set) = sample();
        let resolved = set.resolve(&docs);
        let md = markdown(&entries(&set, &resolved));
        assert!(md.contains("## Title"));
        assert!(md.contains("> second\n\nkeep\n"));
        assert!(!md.contains('\u{1b}'), "quotes are sanitized");
        assert_eq!(md.matches("## ").count(), 1);
    }

    #[test]
    fn a_cut_quote_ends_with_an_ellipsis_in_markdown() {
        let long = "word ".repeat(2000);
        let d = Document::new(Source::File("b.txt".into()), format!("Long\n\n{long}"));
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 0, 0, SystemTime::now()).unwrap());
        assert!(set.items[0].anchor.truncated);
        let resolved = set.resolve(&[Arc::new(d)]);
        let md = markdown(&entries(&set, &resolved));
        assert!(md.contains("\n> …\n") && md.contains("> word word"), "{md}");
        let (docs, short) = sample();
        let resolved = short.resolve(&docs);
        assert!(!markdown(&entries(&short, &resolved)).contains('…'));
    }

    #[test]
    fn orphans_are_marked() {
        let (_, set) = sample();
        let none = vec![None, None];
        let list = entries(&set, &none);
        assert!(line(&list[0]).ends_with("\torphan"));
        assert_eq!(json_line(&list[1])["status"], "orphan");
        assert!(markdown(&list).contains("not found"));
    }
}
