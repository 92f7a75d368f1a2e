//! Which files in a folder are read, by name: text endings (`.txt`, `.md`,
//! `.html`, `.rst`, `.adoc`...), files with no ending (README, NEWS,
//! AUTHORS, COPYING, ChangeLog), the documentation names packages use
//! with an ending of their own (`README.Debian`, `changelog.Debian`), and
//! any of these gzip-compressed (`NEWS.gz`), as /usr/share/doc keeps them.
//! A file let in by its name that turns out binary is skipped quietly
//! (ripgrep's rule: a NUL byte), so admitting files with no ending costs
//! a look at their first bytes, never a complaint.

use std::ffi::OsStr;

/// Endings read as documents when walking a folder.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "rst", "adoc", "asciidoc",
];

/// Names (before any ending, any case) of the documentation files
/// projects and packages ship.
const DOC_NAMES: &[&str] = &[
    "readme",
    "news",
    "authors",
    "copying",
    "copyright",
    "changelog",
    "changes",
    "history",
    "license",
    "licence",
    "install",
    "todo",
    "thanks",
    "bugs",
    "contributing",
    "contributors",
    "notice",
    "faq",
    "hacking",
    "maintainers",
];

/// The ending of a gzip-compressed file.
pub const GZIP_ENDING: &str = ".gz";

/// Whether a file `name` found in a folder is read: see the module docs.
pub fn is_text_name(name: &OsStr) -> bool {
    // A name that is not UTF-8 is judged by what it says around its
    // invalid bytes (no copy for the usual UTF-8 name).
    let name = name.to_string_lossy();
    let inner = name.strip_suffix(GZIP_ENDING).unwrap_or(&name);
    if inner.is_empty() || inner.starts_with('.') {
        return false;
    }
    match inner.split_once('.') {
        None => true,
        Some((stem, _)) if DOC_NAMES.iter().any(|d| d.eq_ignore_ascii_case(stem)) => true,
        Some(_) => ending(inner).is_some_and(is_text_ending),
    }
}

/// Whether `name` is gzip-compressed, by its ending.
pub fn is_gzip(name: &OsStr) -> bool {
    name.as_encoded_bytes()
        .to_ascii_lowercase()
        .ends_with(GZIP_ENDING.as_bytes())
}

/// The name the text inside has: `README.md` for `README.md.gz`.
pub fn inner(name: &OsStr) -> &OsStr {
    if is_gzip(name) && name.len() > GZIP_ENDING.len() {
        // The ending is the part after the last dot: what is before it is
        // the stem.
        std::path::Path::new(name).file_stem().unwrap_or(name)
    } else {
        name
    }
}

fn is_text_ending(ending: &str) -> bool {
    TEXT_EXTENSIONS
        .iter()
        .any(|t| t.eq_ignore_ascii_case(ending))
}

/// After the last dot, unless the dot starts the name.
fn ending(name: &str) -> Option<&str> {
    match name.rsplit_once('.') {
        Some((stem, ending)) if !stem.is_empty() => Some(ending),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> bool {
        is_text_name(OsStr::new(name))
    }

    #[test]
    fn text_endings_names_without_one_and_package_docs_are_read() {
        for name in [
            "notes.txt",
            "a.MD",
            "guide.rst",
            "manual.adoc",
            "README",
            "NEWS",
            "AUTHORS",
            "COPYING",
            "ChangeLog",
            "copyright",
            "README.Debian",
            "changelog.Debian",
        ] {
            assert!(read(name), "{name}");
        }
    }

    #[test]
    fn gzip_compressed_text_is_read_and_other_files_are_not() {
        for name in ["NEWS.gz", "changelog.Debian.gz", "README.md.gz", "TODO.gz"] {
            assert!(read(name), "{name}");
        }
        for name in [
            "libfoo.so.6",
            "photo.png",
            "archive.tar.gz",
            "data.json",
            ".hidden",
            ".gz",
            "x.gz.txt.png",
        ] {
            assert!(!read(name), "{name}");
        }
        assert_eq!(inner(OsStr::new("README.md.gz")), "README.md");
        assert_eq!(inner(OsStr::new("NEWS")), "NEWS");
        assert!(is_gzip(OsStr::new("NEWS.GZ")));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert!(is_text_name(OsStr::from_bytes(b"named-\x9b2J.txt")));
        }
    }
}
