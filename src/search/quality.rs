//! What a document is worth as an answer, whatever the query: a stub that
//! says the page has moved, a redirect page or a page that is little more
//! than a link must not outrank the chapter it points to; a table of
//! contents names every subject but explains none; a near-empty page's
//! title match says less than a full chapter's.
//!
//! Worked out once per document when it is indexed (and per candidate by
//! the one-shot scan), from the shown passages (not the folded page
//! furniture) and the words outside link lists: the `[1] url` lines the
//! HTML reader writes under a paragraph are not prose.

use crate::document::Document;

/// Fewer prose words than this, with a "moved" notice or nothing but a
/// link, make a stub.
const STUB_WORDS: usize = 150;
/// A page with only a link and fewer prose words than this is a stub.
const LINK_ONLY_WORDS: usize = 25;
/// Fewer prose words than this make a near-empty page.
const SLIGHT_WORDS: usize = 50;
/// Past this many words, a page is neither a stub nor near-empty: its
/// prose is not counted.
const COUNT_UP_TO: usize = 400;
/// A table of contents: at least this many passages, most of them one
/// short linked line.
const NAVIGATION_PASSAGES: usize = 10;
const NAVIGATION_SHARE: f32 = 0.6;
/// A linked entry of a contents page has at most this many words.
const ENTRY_WORDS: usize = 12;
/// Passages looked at to tell a contents page.
const NAVIGATION_SAMPLE: usize = 200;

/// What notices of a moved or retired page say, lowercased.
const MOVED: &[&str] = &[
    "has moved",
    "have moved",
    "was moved",
    "moved to ",
    "moved permanently",
    "redirecting",
    "redirected",
    "no longer distributed",
    "no longer available",
    "no longer maintained",
    "no longer updated",
    "an old link",
    "new edition of",
    "has been replaced",
    "new location",
];

pub(crate) use super::stats::Standing;

/// How `doc` stands; see the module docs.
pub(crate) fn standing(doc: &Document) -> Standing {
    // From the text alone (not the word count, which a big file gets only
    // after it is listed), so both searches see the same standing.
    if doc.text.len() > COUNT_UP_TO * 64 {
        return navigation_or_full(doc);
    }
    let mut prose = 0usize;
    let mut links = 0usize;
    let mut notice = false;
    for line in doc.shown_passages().flat_map(|(_, p)| lines(doc, p)) {
        if is_link_line(line) {
            links += 1;
            continue;
        }
        prose += line.split_whitespace().count();
        if !notice && prose <= STUB_WORDS {
            let lower = line.to_lowercase();
            notice = MOVED.iter().any(|m| lower.contains(m));
        }
        if prose > COUNT_UP_TO {
            return navigation_or_full(doc);
        }
    }
    if prose < STUB_WORDS && notice || prose < LINK_ONLY_WORDS && links > 0 {
        Standing::Stub
    } else if prose < SLIGHT_WORDS {
        Standing::Slight
    } else {
        navigation_or_full(doc)
    }
}

fn lines<'d>(doc: &'d Document, p: &crate::document::Passage) -> std::str::Lines<'d> {
    doc.text.get(p.range.clone()).unwrap_or("").lines()
}

/// `[12] target`: the line that names a link's target under its paragraph.
fn is_link_line(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('[') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with(']')
}

fn navigation_or_full(doc: &Document) -> Standing {
    let shown = || doc.shown_passages().take(NAVIGATION_SAMPLE);
    let sample = shown().count();
    if sample < NAVIGATION_PASSAGES {
        return Standing::Full;
    }
    let entries = shown().filter(|(_, p)| is_entry(doc, p)).count();
    if entries as f32 >= sample as f32 * NAVIGATION_SHARE {
        Standing::Navigation
    } else {
        Standing::Full
    }
}

/// A passage that is one short linked line: an entry of a contents page.
fn is_entry(doc: &Document, p: &crate::document::Passage) -> bool {
    let (mut words, mut links) = (0, 0);
    for line in lines(doc, p) {
        if is_link_line(line) {
            links += 1;
        } else {
            words += line.split_whitespace().count();
        }
    }
    links > 0 && words <= ENTRY_WORDS
}

/// How much of the title the query's words cover, 0 to 1: the share of
/// words of the title's best part (a title is cut at ` - `, ` | `, ` — `
/// and ` · `, which set a site's name apart) that start with a query word.
/// "Closures" answers `closures` better than "Advanced Functions and
/// Closures" does.
pub(crate) fn title_cover(title: &str, words: &[String]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    let mut best = 0f32;
    for part in title_parts(title) {
        let title_words: Vec<String> = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if title_words.is_empty() {
            continue;
        }
        let hit = title_words
            .iter()
            .filter(|t| words.iter().any(|w| t.starts_with(w.as_str())))
            .count();
        best = best.max(hit as f32 / title_words.len() as f32);
    }
    best
}

/// The parts of a title between the separators sites put before their name.
fn title_parts(title: &str) -> impl Iterator<Item = &str> {
    let mut rest = title;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = [" - ", " | ", " — ", " – ", " · "]
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, s.len())))
            .min();
        let part = match cut {
            Some((i, len)) => {
                let part = &rest[..i];
                rest = &rest[i + len..];
                part
            }
            None => std::mem::take(&mut rest),
        };
        Some(part)
    })
}

/// The query's positive words, lowercased, for [`title_cover`].
pub(crate) fn query_words(query: &super::Query) -> Vec<String> {
    query
        .positive()
        .flat_map(|t| t.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn a_moved_notice_is_a_stub() {
        let d = doc(
            "Closures\n\nThe first edition of the book is no longer distributed with Rust's \
             documentation.\n\nIf you came here via a link, see the current version[1] instead.\n\
             [1] ../ch13-01-closures.html",
        );
        assert_eq!(standing(&d), Standing::Stub);
        assert_eq!(
            standing(&doc("Redirecting...\n\nRedirecting to... ch20.html.")),
            Standing::Stub
        );
    }

    #[test]
    fn a_page_that_is_only_a_link_is_a_stub() {
        let d = doc("Docs\n\nSee the manual[1].\n[1] https://example.org/manual");
        assert_eq!(standing(&d), Standing::Stub);
    }

    #[test]
    fn a_short_page_without_notice_is_slight_and_a_chapter_is_full() {
        assert_eq!(
            standing(&doc("Ownership\n\nThis chapter is about ownership.")),
            Standing::Slight
        );
        let chapter = format!(
            "Closures\n\n{}",
            "Closures capture their environment. ".repeat(40)
        );
        assert_eq!(standing(&doc(&chapter)), Standing::Full);
        // A long chapter that mentions a move is still a chapter.
        let moved = format!(
            "Ownership\n\nThe value has moved to s2. {}",
            "More prose here. ".repeat(80)
        );
        assert_eq!(standing(&doc(&moved)), Standing::Full);
    }

    #[test]
    fn a_table_of_contents_is_navigation() {
        let entries: String = (1..30)
            .map(|i| format!("Chapter {i}[{i}]\n[{i}] ch{i}.html\n\n"))
            .collect();
        assert_eq!(
            standing(&doc(&format!("Contents\n\n{entries}"))),
            Standing::Navigation
        );
    }

    #[test]
    fn title_cover_is_the_share_of_the_best_part() {
        let words = vec!["closures".to_string()];
        assert_eq!(
            title_cover("Closures - The Rust Programming Language", &words),
            1.0
        );
        assert_eq!(title_cover("Advanced Functions and Closures", &words), 0.25);
        assert_eq!(title_cover("Iterators", &words), 0.0);
        assert_eq!(title_cover("", &words), 0.0);
    }
}
