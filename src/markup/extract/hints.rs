//! What an element's tag, class, id and role say about it: the word lists
//! of Readability.js (Firefox Reader View), matched without regexes.
//!
//! Class and id are what page templates name their parts by, so they are
//! the strongest hint short of reading the text: `comment-list`,
//! `related-posts`, `cookie-banner` are furniture, `entry-content`,
//! `article-body` are the article.

use super::Attributes;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Class/id words of furniture: such elements are dropped before scoring
/// unless they also carry a word of [`MAYBE_ARTICLE`]. Readability's list,
/// plus consent and cookie notices, which it leaves to the page's scripts,
/// and the teasers and sign-ups that news sites put under an article.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "cookie",
    "consent",
    "more-stories",
    "read-next",
    "recommend",
    "trending",
];
/// Class/id words that save an element from [`UNLIKELY`].
const MAYBE_ARTICLE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];
/// Class/id words of the article's own blocks.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
/// Class/id words of furniture, weighed against an element (not dropped).
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
/// ARIA roles of furniture.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];
/// The weight of an element the markup names as the article.
const MARKUP_WEIGHT: i32 = 10;
/// Elements that make a `<div>` more than a paragraph.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// What one class or id attribute says.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct NameHints {
    unlikely: bool,
    maybe_article: bool,
    negative: bool,
    positive: bool,
    share: bool,
}

impl NameHints {
    pub(super) fn of(name: &str) -> NameHints {
        if name.is_empty() {
            return NameHints::default();
        }
        let name = name.to_ascii_lowercase();
        let found = find_words(&name);
        NameHints {
            unlikely: found & IN_UNLIKELY != 0,
            maybe_article: found & IN_MAYBE_ARTICLE != 0,
            negative: found & IN_NEGATIVE != 0 || has_word(&name, "hid"),
            positive: found & IN_POSITIVE != 0,
            share: name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "share" || w == "sharedaddy"),
        }
    }

    fn weight(self) -> i32 {
        let mut weight = 0;
        if self.negative {
            weight -= 25;
        }
        if self.positive {
            weight += 25;
        }
        weight
    }
}

const IN_UNLIKELY: u8 = 1;
const IN_MAYBE_ARTICLE: u8 = 2;
const IN_NEGATIVE: u8 = 4;
const IN_POSITIVE: u8 = 8;

/// Every word of the lists, by its first byte, with the lists it is in.
static WORDS_BY_FIRST_BYTE: LazyLock<Vec<Vec<(&'static str, u8)>>> = LazyLock::new(|| {
    let mut table = vec![Vec::new(); 256];
    let lists = [
        (UNLIKELY, IN_UNLIKELY),
        (MAYBE_ARTICLE, IN_MAYBE_ARTICLE),
        (NEGATIVE, IN_NEGATIVE),
        (POSITIVE, IN_POSITIVE),
    ];
    for (words, list) in lists {
        for word in words {
            let bucket: &mut Vec<(&str, u8)> = &mut table[usize::from(word.as_bytes()[0])];
            match bucket.iter_mut().find(|(w, _)| w == word) {
                Some((_, lists)) => *lists |= list,
                None => bucket.push((word, list)),
            }
        }
    }
    table
});

/// The lists (`IN_*` bits) that have a word inside `name`: one pass over
/// the name instead of one search per word, since class names are read
/// for every element of the page.
fn find_words(name: &str) -> u8 {
    let bytes = name.as_bytes();
    let mut found = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        for (word, lists) in &WORDS_BY_FIRST_BYTE[usize::from(byte)] {
            if bytes[i..].starts_with(word.as_bytes()) {
                found |= lists;
            }
        }
    }
    found
}

/// Class attributes already read: a page uses a few hundred classes on
/// thousands of elements, and matching the word lists is most of what
/// extraction costs.
#[derive(Debug, Default)]
pub(super) struct HintCache {
    classes: HashMap<Box<str>, NameHints>,
}

/// Distinct classes remembered; a hostile page with a new class on every
/// element gets them read each time instead of filling memory.
const CACHED_CLASSES: usize = 4096;

impl HintCache {
    pub(super) fn class(&mut self, class: &str) -> NameHints {
        if let Some(hints) = self.classes.get(class) {
            return *hints;
        }
        let hints = NameHints::of(class);
        if self.classes.len() < CACHED_CLASSES {
            self.classes.insert(class.into(), hints);
        }
        hints
    }
}

/// The class and id of an element, and what they say together.
#[derive(Debug, Default)]
pub(super) struct Names {
    class: NameHints,
    id: NameHints,
}

impl Names {
    pub(super) fn new(cache: &mut HintCache, class: Option<&str>, id: Option<&str>) -> Names {
        Names {
            class: class.map(|c| cache.class(c)).unwrap_or_default(),
            id: id.map(NameHints::of).unwrap_or_default(),
        }
    }

    /// Furniture by its name, and nothing in the name says otherwise.
    pub(super) fn unlikely(&self) -> bool {
        (self.class.unlikely || self.id.unlikely)
            && !(self.class.maybe_article || self.id.maybe_article)
    }

    /// +25 for each of class and id that names the article, -25 for each
    /// that names furniture (Readability's class weight).
    pub(super) fn weight(&self) -> i32 {
        self.class.weight() + self.id.weight()
    }

    /// Share buttons and their counts (`share`, `sharedaddy` as a word).
    pub(super) fn share(&self) -> bool {
        self.class.share || self.id.share
    }
}

/// A hash of a class attribute, to compare classes without keeping them;
/// 0 for none (FNV-1a).
pub(super) fn class_hash(class: &str) -> u64 {
    if class.is_empty() {
        return 0;
    }
    class.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn has_word(name: &str, word: &str) -> bool {
    name.split_ascii_whitespace().any(|w| w == word)
}

/// What the page's markup says outright: `role=main`, schema.org's
/// `articleBody` or an `Article` type weigh a little, like a hint in a
/// class name. The `<article>` and `<main>` tags do not: index pages wrap
/// each teaser in an `<article>`, and `<main>` often holds the comments
/// and related links too; weighing them made the choice worse on the
/// test pages (docs/EXTRACTION.md).
pub(super) fn markup_weight(attrs: Attributes<'_>) -> i32 {
    let says_main = attrs.role.is_some_and(|r| r.eq_ignore_ascii_case("main"))
        || attrs
            .itemprop
            .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "articleBody"))
        || attrs.itemtype.is_some_and(|t| {
            ["Article", "BlogPosting", "Report"]
                .iter()
                .any(|kind| t.ends_with(kind))
        });
    if says_main { MARKUP_WEIGHT } else { 0 }
}

/// A role attribute naming furniture.
pub(super) fn unlikely_role(role: Option<&str>) -> bool {
    role.is_some_and(|role| {
        role.split_ascii_whitespace()
            .any(|r| UNLIKELY_ROLES.iter().any(|u| u.eq_ignore_ascii_case(r)))
    })
}

/// Hidden from every reader: `hidden`, `aria-hidden`, `display: none`.
pub(super) fn hidden(hidden: bool, aria_hidden: Option<&str>, style: Option<&str>) -> bool {
    let style_hidden = style.is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    });
    hidden || aria_hidden.is_some_and(|v| v.eq_ignore_ascii_case("true")) || style_hidden
}

/// The score a candidate starts with, by its tag (Readability's).
pub(super) fn tag_score(tag: &str) -> f64 {
    match tag {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Commas in any script's form, the mark of running prose.
pub(super) fn commas(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '\u{060C}'
                    | '\u{FE50}'
                    | '\u{FE10}'
                    | '\u{FE11}'
                    | '\u{2E41}'
                    | '\u{2E34}'
                    | '\u{2E32}'
                    | '\u{FF0C}'
                    | '\u{3001}'
            )
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(class: Option<&str>, id: Option<&str>) -> Names {
        Names::new(&mut HintCache::default(), class, id)
    }

    #[test]
    fn furniture_names_are_unlikely_unless_they_say_content() {
        assert!(names(Some("comment-list"), None).unlikely());
        assert!(names(None, Some("Cookie-Notice")).unlikely());
        assert!(!names(Some("comment-list main-content"), None).unlikely());
        assert!(!names(Some("comment-list"), Some("main")).unlikely());
        assert!(!names(Some("story"), None).unlikely());
    }

    #[test]
    fn weight_adds_class_and_id() {
        assert_eq!(names(Some("entry-content"), Some("post")).weight(), 50);
        assert_eq!(names(Some("sidebar"), None).weight(), -25);
        assert_eq!(names(Some("x hid"), None).weight(), -25);
        assert_eq!(names(Some("hidden-xs article"), None).weight(), 0);
    }

    #[test]
    fn every_listed_word_is_found_anywhere_in_a_name() {
        for (words, list) in [
            (UNLIKELY, IN_UNLIKELY),
            (MAYBE_ARTICLE, IN_MAYBE_ARTICLE),
            (NEGATIVE, IN_NEGATIVE),
            (POSITIVE, IN_POSITIVE),
        ] {
            for word in words {
                assert_ne!(find_words(&format!("x{word}y")) & list, 0, "{word}");
            }
        }
        assert_eq!(find_words("xyz"), 0);
    }

    #[test]
    fn a_cached_class_says_the_same() {
        let mut cache = HintCache::default();
        let first = Names::new(&mut cache, Some("share-bar"), None);
        let again = Names::new(&mut cache, Some("share-bar"), None);
        assert!(first.share() && again.share());
        assert_eq!(first.weight(), again.weight());
    }

    #[test]
    fn hidden_by_style() {
        assert!(hidden(false, None, Some("display : None")));
        assert!(!hidden(false, Some("false"), Some("color: red")));
    }
}
