//! What an element's tag, class, id and role say about it: the word lists
//! of Readability.js (Firefox Reader View), matched without regexes.
//!
//! Class and id are what page templates name their parts by, so they are
//! the strongest hint short of reading the text: `comment-list`,
//! `related-posts`, `cookie-banner` are furniture, `entry-content`,
//! `article-body` are the article.

use super::Attributes;

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

/// The class and id of an element, lowercased once, and what they say.
#[derive(Debug, Default)]
pub(super) struct Names {
    class: String,
    id: String,
}

impl Names {
    pub(super) fn new(class: Option<&str>, id: Option<&str>) -> Names {
        Names {
            class: class.unwrap_or("").to_ascii_lowercase(),
            id: id.unwrap_or("").to_ascii_lowercase(),
        }
    }

    fn any(&self, words: &[&str]) -> bool {
        words
            .iter()
            .any(|w| self.class.contains(w) || self.id.contains(w))
    }

    /// Furniture by its name, and nothing in the name says otherwise.
    pub(super) fn unlikely(&self) -> bool {
        self.any(UNLIKELY) && !self.any(MAYBE_ARTICLE)
    }

    /// +25 for each of class and id that names the article, -25 for each
    /// that names furniture (Readability's class weight).
    pub(super) fn weight(&self) -> i32 {
        [&self.class, &self.id]
            .into_iter()
            .map(|name| {
                let mut weight = 0;
                if NEGATIVE.iter().any(|w| name.contains(w)) || has_word(name, "hid") {
                    weight -= 25;
                }
                if POSITIVE.iter().any(|w| name.contains(w)) {
                    weight += 25;
                }
                weight
            })
            .sum()
    }

    /// Share buttons and their counts (`share`, `sharedaddy` as a word).
    pub(super) fn share(&self) -> bool {
        [&self.class, &self.id].into_iter().any(|name| {
            name.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "share" || w == "sharedaddy")
        })
    }

    /// The class attribute, for "same class as the article" checks.
    pub(super) fn class(&self) -> &str {
        &self.class
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

    #[test]
    fn furniture_names_are_unlikely_unless_they_say_content() {
        assert!(Names::new(Some("comment-list"), None).unlikely());
        assert!(Names::new(None, Some("cookie-notice")).unlikely());
        assert!(!Names::new(Some("comment-list main-content"), None).unlikely());
        assert!(!Names::new(Some("story"), None).unlikely());
    }

    #[test]
    fn weight_adds_class_and_id() {
        assert_eq!(Names::new(Some("entry-content"), Some("post")).weight(), 50);
        assert_eq!(Names::new(Some("sidebar"), None).weight(), -25);
        assert_eq!(Names::new(Some("x hid"), None).weight(), -25);
        assert_eq!(Names::new(Some("hidden-xs article"), None).weight(), 0);
    }

    #[test]
    fn hidden_by_style() {
        assert!(hidden(false, None, Some("display : None")));
        assert!(!hidden(false, Some("false"), Some("color: red")));
    }
}
