//! Where a link goes: a place in a document quire has open (a relative
//! path or `file:` URL naming its file, the page's canonical address, or a
//! `#fragment` of the same page), or somewhere only the system opener can
//! show. Pure: paths are compared as written, made lexically absolute from
//! the linking file's folder, so deciding touches no disk.

use crate::document::{Document, Source};
use crate::store::DocId;
use percent_encoding::percent_decode_str;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What following a link does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Open document `doc` (maybe the same one), at the passage holding
    /// byte `offset` when the link names a place in it.
    Document { doc: DocId, offset: Option<usize> },
    /// Give this URL or path to the system opener.
    External(String),
    /// A `#fragment` that names nothing in the document it points to.
    MissingPlace { doc: DocId, fragment: String },
}

/// Where the link `url`, found in `docs[from]`, leads.
pub fn resolve(docs: &[Arc<Document>], from: DocId, url: &str) -> Destination {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let found = if base.is_empty() {
        Some(from)
    } else {
        find_document(docs, from, base)
    };
    match found {
        Some(doc) => place(docs, doc, fragment),
        None => Destination::External(external(docs.get(from.0).map(Arc::as_ref), base, url)),
    }
}

/// The document `base` (a link without its fragment) names, if open.
fn find_document(docs: &[Arc<Document>], from: DocId, base: &str) -> Option<DocId> {
    let base = base.split('?').next().unwrap_or(base);
    match scheme(base) {
        Some(s) if s.eq_ignore_ascii_case("file") => {
            let path = file_url_path(base)?;
            find_path(docs, &path)
        }
        Some(_) => {
            let wanted = comparable_url(base);
            let canonical = |d: &Arc<Document>| d.links.canonical.as_deref().map(comparable_url);
            docs.iter()
                .position(|d| canonical(d).as_ref() == Some(&wanted))
                .map(DocId)
        }
        None if base.starts_with("//") => None,
        None => find_path(docs, &relative_path(docs.get(from.0)?, base)?),
    }
}

/// The place `fragment` names in `docs[doc]`.
fn place(docs: &[Arc<Document>], doc: DocId, fragment: Option<&str>) -> Destination {
    let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
        return Destination::Document { doc, offset: None };
    };
    let links = &docs[doc].links;
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    match links
        .id_offset(fragment)
        .or_else(|| links.id_offset(&decoded))
    {
        Some(offset) => Destination::Document {
            doc,
            offset: Some(offset),
        },
        // The top of a page is a place even when no element is called so.
        None if fragment.eq_ignore_ascii_case("top") => Destination::Document {
            doc,
            offset: Some(0),
        },
        None => Destination::MissingPlace {
            doc,
            fragment: decoded.into_owned(),
        },
    }
}

/// What the opener is given for a link quire cannot show itself: a
/// relative link from a file becomes that file's neighbour's path (the
/// opener would not know where it is relative to), the rest stays as is.
fn external(from: Option<&Document>, base: &str, url: &str) -> String {
    if scheme(base).is_none()
        && !base.starts_with("//")
        && let Some(path) = from.and_then(|d| relative_path(d, base.split('?').next()?))
    {
        return path.to_string_lossy().into_owned();
    }
    url.to_string()
}

/// The URL scheme of `url` (`https`, `mailto`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    // One letter is a Windows drive (`C:`), not a scheme.
    (first.is_ascii_alphabetic()
        && scheme.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// The path of a `file:` URL (`file:///a/b`, `file://localhost/a/b`,
/// `file:/a/b`), percent-decoded.
fn file_url_path(url: &str) -> Option<PathBuf> {
    let rest = &url[5..];
    let rest = match rest.strip_prefix("//") {
        Some(after) => {
            let slash = after.find('/')?;
            let host = &after[..slash];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return None;
            }
            &after[slash..]
        }
        None => rest,
    };
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    Some(normalize(Path::new(decoded.as_ref())))
}

/// `link` (a relative or absolute path, percent-encoded as in a page)
/// made from the folder of the file `from` was read from.
fn relative_path(from: &Document, link: &str) -> Option<PathBuf> {
    let Source::File(file) = &from.source else {
        return None;
    };
    let decoded = percent_decode_str(link).decode_utf8().ok()?;
    let folder = file.parent().unwrap_or(Path::new(""));
    Some(normalize(&folder.join(decoded.as_ref())))
}

/// The open document read from `path`.
fn find_path(docs: &[Arc<Document>], path: &Path) -> Option<DocId> {
    let from = |d: &Arc<Document>| match &d.source {
        Source::File(file) => normalize(file) == path,
        _ => false,
    };
    docs.iter().position(from).map(DocId)
}

/// `path` with `.` and `a/..` taken out, as written (no links followed).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A URL for comparing: no fragment, no trailing slash, scheme and host
/// in lower case, `http` and `https` alike.
fn comparable_url(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url).trim_end_matches('/');
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .to_string();
    match rest.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_ascii_lowercase()),
        None => rest.to_ascii_lowercase(),
    }
}

#[cfg(test)]
#[path = "target_tests.rs"]
mod tests;
