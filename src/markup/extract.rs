//! Reader-mode extraction: the article of a saved web page, without the
//! page around it (menus, comment sections, related links, banners).
//!
//! The way of Firefox Reader View (Readability.js): every paragraph of
//! prose votes for the elements around it, class and id names weigh in,
//! link-heavy blocks lose, and the best-scored element is the article,
//! with the siblings that continue it. See docs/EXTRACTION.md for how this
//! measures against Readability.js's own test pages.
//!
//! Extraction only chooses: the chosen elements are then read like any
//! page, so headings, lists, quotes, code, tables and links keep their
//! shape. It never leaves a reader with less than the page had to say:
//! a page with no article (an index, a forum list), or one where the
//! article found is nearly empty, is shown whole, as before.

mod choose;
mod hints;
mod metadata;
mod outline;
mod tree_feed;

use crate::document::WholePage;
pub(crate) use choose::Choice;
use hints::HintCache;
pub(crate) use outline::{Attributes, Outline};

/// Below this "readerable" sum (square roots of long paragraphs' excess
/// length over 140 characters) a page has no article: Readability's.
const READERABLE: f64 = 20.0;
/// An article of fewer characters is tried again without dropping
/// furniture by name first (Readability's 500).
const ENOUGH_TEXT: usize = 500;
/// A short article must hold at least this share of the page's text
/// (1 in N), or the whole page is shown.
const SHORT_SHARE: usize = 3;

/// The memory an outline may take, whatever the page's size: enough for
/// the biggest real pages seen (an 8.5 MB rustdoc source page has 154,000
/// elements, 26 MB of outline).
const OUTLINE_FLOOR: usize = 32 << 20;
/// Beyond the floor, an outline may take this many times the page's size.
/// Real pages have an element every 50-80 bytes, so their outline is 2-3
/// times the page; a page of nothing but tiny tags (an element every 15
/// bytes) would need 10 times and is shown whole, as Readability.js's
/// `maxElemsToParse` does, so reading it stays within a few times its size.
const OUTLINE_PER_PAGE_BYTE: usize = 4;

/// Whether a page of `page_bytes` bytes and `elements` elements is worth
/// an outline: its memory stays within the budget above.
pub(crate) fn affordable(page_bytes: usize, elements: usize) -> bool {
    let budget = OUTLINE_FLOOR.max(page_bytes.saturating_mul(OUTLINE_PER_PAGE_BYTE));
    elements.saturating_mul(std::mem::size_of::<outline::Element<u32>>()) <= budget
}

/// The article of the page that `feed` describes (it is called twice:
/// once measuring everything, once with furniture dropped by name), or
/// why the page should be shown whole.
///
/// `elements` is how many elements the page has (at most): the outline
/// is made that big at once. Grown by doubling, a big page's outline was
/// held twice while it was copied, and that copy was the peak of the
/// memory that reading the page took.
pub(crate) fn article<Id: Copy>(
    elements: usize,
    feed: impl Fn(&mut Outline<Id>),
) -> Result<Choice<Id>, WholePage> {
    // One outline at a time: a big page's outline is a good part of the
    // memory its reading takes.
    let (page_text, loose, hints) = {
        let whole = measure(&feed, false, HintCache::default(), elements);
        if whole.readerable <= READERABLE {
            return Err(WholePage::NoArticle);
        }
        (
            whole.page_text(),
            choose::choose(&whole),
            whole.into_hints(),
        )
    };
    let strict = choose::choose(&measure(&feed, true, hints, elements));
    let strict = match strict {
        Some(enough) if enough.text >= ENOUGH_TEXT => return Ok(enough),
        other => other,
    };
    [strict, loose]
        .into_iter()
        .flatten()
        .max_by_key(|c| c.text)
        .filter(|c| c.text > 0 && c.text.saturating_mul(SHORT_SHARE) >= page_text)
        .ok_or(WholePage::TooLittle)
}

fn measure<Id: Copy>(
    feed: &impl Fn(&mut Outline<Id>),
    strip_unlikely: bool,
    hints: HintCache,
    elements: usize,
) -> Outline<Id> {
    let mut outline = Outline::new(strip_unlikely, hints, elements);
    feed(&mut outline);
    outline.finish();
    outline
}

pub use metadata::Metadata;
pub(crate) use tree_feed::{feed_tree, read_metadata};

#[cfg(test)]
#[path = "extract/tests.rs"]
mod tests;
