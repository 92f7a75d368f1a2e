//! The path order of a folder, read like a table of contents: a folder's
//! own files before the files of its subfolders (as `ls -R` lists them),
//! and among its files the front page first (`index.*`, then `README*`
//! and `title-page*` in any case), then the rest by name. A book's chapters
//! then come before its `old-edition/` stubs, and a package's README
//! before its changelog and its `docs/`.
//!
//! The walk sorts each folder's entries by [`entry_order`]; a file's
//! [`load_order_key`] puts it where that walk meets it, from its path
//! alone (no I/O), so documents read in any order sort back into it.

use std::cmp::Ordering;
use std::path::Path;

/// Where a name stands among its folder's entries, before its bytes are
/// compared: front pages, then the other files, then the subfolders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// `index.*`, the page a site or a book opens on (`_index.*` in Hugo).
    /// In lower case only: a Texinfo manual's `Index.html` is its index
    /// of terms, not its front page.
    Index = 1,
    /// `README*`: what a project or a package says of itself first.
    Readme,
    /// `title-page*`, as mdBook names a book's title page.
    TitlePage,
    File,
    Folder,
}

/// The rank of a file named `name`.
fn file_rank(name: &[u8]) -> Rank {
    let starts = |prefix: &[u8]| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if name.starts_with(b"index.") || name.starts_with(b"_index.") || name == b"index" {
        Rank::Index
    } else if starts(b"readme") {
        Rank::Readme
    } else if starts(b"title-page") {
        Rank::TitlePage
    } else {
        Rank::File
    }
}

/// The order of two entries of one folder in a sorted walk: `*_folder`
/// says whether each is a folder (one to be walked into).
pub fn entry_order(a: &[u8], a_folder: bool, b: &[u8], b_folder: bool) -> Ordering {
    let rank = |name, folder| {
        if folder {
            Rank::Folder
        } else {
            file_rank(name)
        }
    };
    (rank(a, a_folder), a).cmp(&(rank(b, b_folder), b))
}

/// A key whose order is the order in which a sorted walk of one input
/// meets its files: each folder of the path as its rank and name, then
/// the file's. A name ends with a 0 byte, below every byte a name holds,
/// so `a` comes before `a-b` as it does when names are compared. Every
/// part but the last of a file's path is a folder, so the key needs no
/// look at the disk.
pub fn load_order_key(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let separator = |b: &u8| std::path::is_separator(char::from(*b));
    let name_at = bytes.iter().rposition(separator).map_or(0, |at| at + 1);
    let mut key = Vec::with_capacity(bytes.len() + 16);
    if name_at > 0 {
        for folder in bytes[..name_at - 1].split(separator) {
            key.push(Rank::Folder as u8);
            key.extend_from_slice(folder);
            key.push(0);
        }
    }
    let name = &bytes[name_at..];
    key.push(file_rank(name) as u8);
    key.extend_from_slice(name);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(paths: &[&str]) -> Vec<String> {
        let mut paths: Vec<&str> = paths.to_vec();
        paths.sort_by_key(|p| load_order_key(Path::new(p)));
        paths.into_iter().map(String::from).collect()
    }

    #[test]
    fn a_folder_reads_like_a_table_of_contents() {
        let tree = [
            "book/2018-edition/ch01-00-getting-started.html",
            "book/2018-edition/index.html",
            "book/ch02-00-guessing-game.html",
            "book/first-edition/README.html",
            "book/ch01-00-getting-started.html",
            "book/title-page.html",
            "book/README.html",
            "book/index.html",
            "book/appendix-00.html",
        ];
        assert_eq!(
            ordered(&tree),
            [
                "book/index.html",
                "book/README.html",
                "book/title-page.html",
                "book/appendix-00.html",
                "book/ch01-00-getting-started.html",
                "book/ch02-00-guessing-game.html",
                "book/2018-edition/index.html",
                "book/2018-edition/ch01-00-getting-started.html",
                "book/first-edition/README.html",
            ]
        );
    }

    #[test]
    fn front_pages_are_told_by_name() {
        let doc = [
            "pkg/NEWS.gz",
            "pkg/copyright",
            "pkg/README.Debian",
            "pkg/readme",
            "pkg/changelog.Debian.gz",
            "pkg/indexing.txt",
            "pkg/Index.html",
            "pkg/index.html",
            "pkg/docs/guide.md",
            "pkg/README.md",
        ];
        assert_eq!(
            ordered(&doc),
            [
                "pkg/index.html",
                "pkg/README.Debian",
                "pkg/README.md",
                "pkg/readme",
                "pkg/Index.html",
                "pkg/NEWS.gz",
                "pkg/changelog.Debian.gz",
                "pkg/copyright",
                "pkg/indexing.txt",
                "pkg/docs/guide.md",
            ]
        );
    }

    #[test]
    fn folders_sort_by_name_and_their_files_follow_them() {
        let tree = ["a-b/x.md", "a/b/y.md", "a/z.md", "ab/w.md", "a.md"];
        assert_eq!(
            ordered(&tree),
            ["a.md", "a/z.md", "a/b/y.md", "a-b/x.md", "ab/w.md"]
        );
        assert_eq!(
            ordered(&["b.md", "README", "/c/d.md"]),
            ["README", "b.md", "/c/d.md"]
        );
    }

    #[test]
    fn the_walk_and_the_key_agree_on_one_folder() {
        let names = [("README.md", false), ("b.md", false), ("sub", true)];
        for (a, a_folder) in names {
            for (b, b_folder) in names {
                let path = |n: &str, folder| match folder {
                    true => format!("root/{n}/x.md"),
                    false => format!("root/{n}"),
                };
                let by_key = load_order_key(Path::new(&path(a, a_folder)))
                    .cmp(&load_order_key(Path::new(&path(b, b_folder))));
                let by_walk = entry_order(a.as_bytes(), a_folder, b.as_bytes(), b_folder);
                assert_eq!(by_key, by_walk, "{a} against {b}");
            }
        }
    }
}
