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
use crate::document::Document;
use crate::sanitize::{inert_json, sanitize_line};

pub mod markdown;
pub use markdown::{Options as MarkdownOptions, markdown};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

/// A live bookmark with where it resolved to (None: an orphan).
pub struct Entry<'a> {
    pub bookmark: &'a Bookmark,
    pub found: Option<Resolved>,
    /// The web address of the document it resolved to, when known.
    pub url: Option<&'a str>,
}

/// The live bookmarks of `set` paired with their resolution.
pub fn entries<'a>(set: &'a Bookmarks, resolved: &[Option<Resolved>]) -> Vec<Entry<'a>> {
    set.live()
        .map(|i| Entry {
            bookmark: &set.items[i],
            found: resolved.get(i).copied().flatten(),
            url: None,
        })
        .collect()
}

/// [`entries`], each with the web address of the document it resolved
/// to in `docs` (the Markdown export links its title there).
pub fn entries_with_urls<'a>(
    set: &'a Bookmarks,
    resolved: &[Option<Resolved>],
    docs: &'a [Arc<Document>],
) -> Vec<Entry<'a>> {
    let mut list = entries(set, resolved);
    for entry in &mut list {
        entry.url = entry
            .found
            .and_then(|r| docs.get(r.doc.0))
            .and_then(|d| d.url());
    }
    list
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

/// Where a document lives, as an IRI: its web address when known, else
/// a `file:` IRI of its absolute path (a bundled article has a `urn:`);
/// None for standard input, which is nowhere.
pub fn source_iri(path: &str, url: Option<&str>) -> Option<String> {
    if let Some(url) = url {
        return Some(url.to_string());
    }
    if let Some(name) = path.strip_prefix("bundled/") {
        return Some(format!("urn:quire:bundled:{name}"));
    }
    if path.is_empty() || path == "<stdin>" {
        return None;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.into());
    Some(file_iri(&absolute.to_string_lossy()))
}

/// `file://` and the path, percent-encoded but for its slashes and the
/// characters an IRI takes as they are.
fn file_iri(path: &str) -> String {
    let mut iri = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            iri.push(byte as char);
        } else {
            iri.push_str(&format!("%{byte:02X}"));
        }
    }
    iri
}

/// The path of a `file:` IRI, decoded; None for any other IRI.
pub fn path_of_iri(iri: &str) -> Option<String> {
    let encoded = iri.strip_prefix("file://")?;
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
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
            "source": source_iri(path(b), entry.url).unwrap_or_else(|| path(b).to_string()),
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
        let source = item["target"]["source"].as_str().unwrap();
        assert!(
            source.starts_with("file:///") && source.ends_with("/a.md"),
            "{source}"
        );
        assert_eq!(
            path_of_iri(source).as_deref(),
            std::path::absolute("a.md")
                .ok()
                .as_deref()
                .and_then(|p| p.to_str())
        );
    }

    #[test]
    fn markdown_groups_quotes_by_document() {
        let (docs, set) = sample();
        let resolved = set.resolve(&docs);
        let md = markdown(&entries(&set, &resolved), &docs, MarkdownOptions::default());
        assert!(md.contains("## Title"));
        assert!(md.contains("> second\n"), "{md}");
        assert!(md.contains("\n**Note:** keep\n"), "{md}");
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
        let docs = [Arc::new(d)];
        let resolved = set.resolve(&docs);
        let md = markdown(&entries(&set, &resolved), &docs, MarkdownOptions::default());
        assert!(md.contains("\n> …\n") && md.contains("> word word"), "{md}");
        let (docs, short) = sample();
        let resolved = short.resolve(&docs);
        let md = markdown(
            &entries(&short, &resolved),
            &docs,
            MarkdownOptions::default(),
        );
        assert!(!md.contains('…'));
    }

    #[test]
    fn markdown_links_a_document_to_its_address() {
        let page = "<html><head><title>Lake study</title>\
            <link rel=canonical href='https://example.com/lake (1)'></head>\
            <body><p>The lake was studied.</p></body></html>";
        let d = crate::markup::html::parse(page).into_document(Source::File("lake.html".into()));
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 0, 0, SystemTime::now()).unwrap());
        let docs = vec![Arc::new(d)];
        let resolved = set.resolve(&docs);
        let options = MarkdownOptions::default();
        let md = markdown(&entries_with_urls(&set, &resolved, &docs), &docs, options);
        assert!(
            md.contains("Source: [https://example.com/lake (1)](<https://example.com/lake (1)>)\n"),
            "{md}"
        );
        let json = annotation_collection(&entries_with_urls(&set, &resolved, &docs));
        assert_eq!(
            json["first"]["items"][0]["target"]["source"],
            "https://example.com/lake (1)"
        );
        // Without the documents, the file is linked.
        let md = markdown(&entries(&set, &resolved), &[], options);
        assert!(md.contains("## Lake study\n"), "{md}");
        assert!(md.contains("Source: [lake.html](<file:///"), "{md}");
    }

    #[test]
    fn file_iris_are_percent_encoded_and_read_back() {
        let iri = source_iri("/tmp/my notes/a#b%.md", None).unwrap();
        assert_eq!(iri, "file:///tmp/my%20notes/a%23b%25.md");
        assert_eq!(path_of_iri(&iri).unwrap(), "/tmp/my notes/a#b%.md");
        assert_eq!(
            source_iri("bundled/000_x.txt", None).unwrap(),
            "urn:quire:bundled:000_x.txt"
        );
        assert_eq!(source_iri("<stdin>", None), None);
    }

    #[test]
    fn orphans_are_marked() {
        let (_, set) = sample();
        let none = vec![None, None];
        let list = entries(&set, &none);
        assert!(line(&list[0]).ends_with("\torphan"));
        assert_eq!(json_line(&list[1])["status"], "orphan");
        assert!(markdown(&list, &[], MarkdownOptions::default()).contains("not found"));
    }
}
