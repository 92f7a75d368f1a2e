//! `quire bookmarks import`: bookmarks from W3C Web Annotation JSON --
//! quire's own `bookmarks export --format json`, or another tool's
//! annotations (a collection, a page, a list or one annotation) -- each
//! quote anchored afresh in the documents at hand, so bookmarks move
//! between machines without copying the config folder.
//!
//! The file is untrusted: anything that is not the expected shape is
//! skipped and counted, never a panic.

use crate::bookmarks::anchor::Anchor;
use crate::bookmarks::{Bookmark, Bookmarks, millis};
use crate::document::Document;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One annotation as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The quire id (from `urn:quire:bookmark:ID`), if it had one.
    pub id: Option<String>,
    /// Where the annotated document lives: a path (from a `file:` IRI or
    /// a plain path) or a web address.
    pub source: Option<String>,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub note: String,
    pub created: Option<u64>,
}

/// The annotations in `json`; Err when it is not JSON at all.
pub fn parse(json: &str) -> Result<(Vec<Incoming>, usize), String> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        format!("not JSON ({e}); give a file written by `quire bookmarks export --format json`")
    })?;
    let items = annotations(&value);
    let total = items.len();
    let read: Vec<Incoming> = items.into_iter().filter_map(incoming).collect();
    let skipped = total - read.len();
    Ok((read, skipped))
}

/// The annotation objects of a collection, a page, a list or one.
fn annotations(value: &Value) -> Vec<&Value> {
    if let Some(list) = value.as_array() {
        return list.iter().filter(|v| v.is_object()).collect();
    }
    for pages in [&value["first"]["items"], &value["items"]] {
        if let Some(list) = pages.as_array() {
            return list.iter().filter(|v| v.is_object()).collect();
        }
    }
    if value.get("target").is_some() {
        return vec![value];
    }
    Vec::new()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// The target object of an annotation (a list of targets gives its first
/// with a selector).
fn target(annotation: &Value) -> Option<&Value> {
    match &annotation["target"] {
        Value::Array(list) => list.iter().find(|t| t.get("selector").is_some()),
        t @ Value::Object(_) => Some(t),
        _ => None,
    }
}

/// The selector of `kind` in a target (one selector or a list).
fn selector<'a>(target: &'a Value, kind: &str) -> Option<&'a Value> {
    let is = |s: &&Value| s["type"] == kind;
    match &target["selector"] {
        Value::Array(list) => list.iter().find(is),
        s @ Value::Object(_) => Some(s).filter(is),
        _ => None,
    }
}

fn incoming(annotation: &Value) -> Option<Incoming> {
    let target = target(annotation)?;
    let quote = selector(target, "TextQuoteSelector")?;
    let exact = text(&quote["exact"]);
    if exact.trim().is_empty() {
        return None;
    }
    let position = selector(target, "TextPositionSelector");
    let at = |key: &str| {
        position
            .and_then(|p| p[key].as_u64())
            .map_or(0, |n| n as usize)
    };
    let source = target["source"]
        .as_str()
        .map(|s| crate::export::path_of_iri(s).unwrap_or_else(|| s.to_string()));
    let id = annotation["id"]
        .as_str()
        .and_then(|id| id.strip_prefix("urn:quire:bookmark:"))
        .filter(|id| !id.is_empty() && id.len() <= 64)
        .map(str::to_string);
    Some(Incoming {
        id,
        source,
        prefix: text(&quote["prefix"]),
        suffix: text(&quote["suffix"]),
        start: at("start"),
        end: at("end"),
        exact,
        note: note(annotation),
        created: annotation["created"]
            .as_str()
            .and_then(|t| humantime::parse_rfc3339_weak(t).ok())
            .map(millis),
    })
}

/// The text of an annotation's comment: `bodyValue`, or the value of its
/// (first textual) body.
fn note(annotation: &Value) -> String {
    if let Some(value) = annotation["bodyValue"].as_str() {
        return value.trim().to_string();
    }
    let body = match &annotation["body"] {
        Value::Array(list) => list.iter().find(|b| b["value"].is_string()),
        b @ Value::Object(_) => Some(b),
        _ => None,
    };
    body.map(|b| text(&b["value"]).trim().to_string())
        .unwrap_or_default()
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Bookmarks added.
    pub added: usize,
    /// Annotations already among the bookmarks (same id, or same passage).
    pub already: usize,
    /// Quotes found in no document: (source, the quote's start).
    pub unplaced: Vec<(String, String)>,
}

/// Anchors each of `incoming` in `docs` and adds it to `set`. The
/// document the annotation names is tried first, then every other.
pub fn place_all(
    set: &mut Bookmarks,
    incoming: &[Incoming],
    docs: &[Arc<Document>],
    now: SystemTime,
) -> Report {
    let mut report = Report::default();
    for item in incoming {
        let known = item
            .id
            .as_ref()
            .is_some_and(|id| set.items.iter().any(|b| &b.id == id));
        if known {
            report.already += 1;
            continue;
        }
        let Some(mut bookmark) = place(item, docs, now) else {
            let source = item.source.clone().unwrap_or_default();
            report.unplaced.push((source, short(&item.exact)));
            continue;
        };
        let resolved = set.resolve(docs);
        let same = set.live().any(|i| {
            set.items[i].document.hash == bookmark.document.hash
                && resolved[i].is_some_and(|r| {
                    (r.passage, r.passage_end)
                        == (bookmark.anchor.passage, bookmark.anchor.passage_end)
                })
        });
        if same {
            report.already += 1;
            continue;
        }
        if let Some(id) = &item.id {
            bookmark.id = id.clone();
        }
        set.push(bookmark);
        report.added += 1;
    }
    report
}

/// A bookmark on the passages `item` quotes, if a document holds them.
fn place(item: &Incoming, docs: &[Arc<Document>], now: SystemTime) -> Option<Bookmark> {
    // Passages are separated by a blank line: a quote over three keeps
    // the span for the approximate match.
    let span = item.exact.trim().matches("\n\n").count();
    let anchor = Anchor {
        passage: 0,
        passage_end: span,
        exact: item.exact.clone(),
        prefix: item.prefix.clone(),
        suffix: item.suffix.clone(),
        start: item.start,
        end: item.end,
        ..Anchor::default()
    };
    let named = |d: &&Arc<Document>| {
        item.source.as_ref().is_some_and(|s| {
            *s == d.source.display_path()
                || d.url() == Some(s.as_str())
                || std::path::absolute(d.source.display_path())
                    .is_ok_and(|p| p.to_string_lossy() == *s)
        })
    };
    let (doc, found) = docs
        .iter()
        .filter(named)
        .chain(docs.iter().filter(|d| !named(d)))
        .filter(|d| d.is_measured())
        .find_map(|d| Some((d, anchor.resolve(d, false)?)))?;
    let created = item
        .created
        .map_or(now, |ms| UNIX_EPOCH + Duration::from_millis(ms));
    let mut bookmark = Bookmark::new(doc, found.passage, found.passage_end, created)?;
    bookmark.note = item.note.clone();
    bookmark.updated = millis(now).max(bookmark.created);
    Some(bookmark)
}

/// The start of a quote, for the report.
fn short(quote: &str) -> String {
    let line =
        crate::sanitize::sanitize_line(&quote.split_whitespace().collect::<Vec<_>>().join(" "));
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
