//! What a saved page says about its article: title, author, date, site,
//! address and language, from `<meta>` tags (Open Graph, Dublin Core,
//! Twitter, Parse.ly), `<link rel=canonical>` and schema.org JSON-LD, with
//! Readability.js's order of preference.
//!
//! The `<title>` element is the last resort for the title: it usually
//! carries the site's name (`Story - The Daily Example`), which is cut
//! off the way Reader View does.

use crate::sanitize::sanitize_line;
use serde_json::Value;
use std::collections::HashMap;

/// Longest value kept: metadata is a line, not an essay.
const MAX_VALUE: usize = 400;
/// JSON-LD scripts bigger than this are not parsed (a page's whole state
/// is sometimes dumped there).
const MAX_JSON_LD: usize = 256 * 1024;
/// schema.org types that are articles.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

/// A page's metadata; every field is a sanitized single line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// As the page writes it (usually ISO 8601).
    pub published: Option<String>,
    pub site: Option<String>,
    /// The canonical address of the article.
    pub url: Option<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
    /// Where the page sends the browser at once (`<meta http-equiv=refresh
    /// content="0;URL=…">`): a page that stands for another.
    pub redirect: Option<String>,
}

/// Collects metadata as the page tree is walked.
#[derive(Debug, Default)]
pub(crate) struct MetadataReader {
    /// `<meta>` values by normalized key (`og:title`, `author`...).
    values: HashMap<String, String>,
    json_ld: Option<Metadata>,
    /// The JSON-LD article's `name`, when it has a `headline` too.
    json_ld_name: Option<String>,
    canonical: Option<String>,
    lang: Option<String>,
    redirect: Option<String>,
}

impl MetadataReader {
    /// A `<meta>` element.
    pub(crate) fn meta(
        &mut self,
        name: Option<&str>,
        property: Option<&str>,
        content: Option<&str>,
    ) {
        let Some(content) = content.map(clean).filter(|c| !c.is_empty()) else {
            return;
        };
        let mut by_property = false;
        for key in property.into_iter().flat_map(str::split_ascii_whitespace) {
            if let Some(key) = property_key(key) {
                // A property is the page's explicit word: it wins over a
                // `name` that maps to the same key.
                self.values.insert(key, content.clone());
                by_property = true;
            }
        }
        if !by_property && let Some(key) = name.and_then(name_key) {
            self.values.entry(key).or_insert(content);
        }
    }

    /// A `<meta http-equiv=refresh>` element's `content`: `N; URL=target`.
    /// Only a refresh within a second sends the reader elsewhere at once;
    /// a later one reloads a live page.
    pub(crate) fn refresh(&mut self, content: Option<&str>) {
        let Some((delay, rest)) = content.and_then(|c| c.split_once([';', ','])) else {
            return;
        };
        if !delay
            .trim()
            .parse::<f64>()
            .is_ok_and(|d| (0.0..=1.0).contains(&d))
        {
            return;
        }
        let rest = rest.trim_start();
        let target = match rest.get(..4) {
            Some(url) if url.eq_ignore_ascii_case("url=") => &rest[4..],
            _ => rest,
        };
        let target = clean(target.trim().trim_matches(['\'', '"']));
        if self.redirect.is_none() && !target.is_empty() {
            self.redirect = Some(target);
        }
    }

    /// A `<link>` element.
    pub(crate) fn link(&mut self, rel: Option<&str>, href: Option<&str>) {
        let canonical = rel.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
        });
        if canonical && self.canonical.is_none() {
            self.canonical = href.map(clean).filter(|h| !h.is_empty());
        }
    }

    /// The `lang` of the `<html>` element.
    pub(crate) fn lang(&mut self, lang: Option<&str>) {
        if self.lang.is_none() {
            self.lang = lang.map(clean).filter(|l| !l.is_empty());
        }
    }

    /// The text of a `<script type="application/ld+json">`.
    pub(crate) fn json_ld(&mut self, text: &str) {
        if self.json_ld.is_some() || text.len() > MAX_JSON_LD {
            return;
        }
        // Some sites wrap the JSON in a CDATA section or an HTML comment.
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        if let Ok(value) = serde_json::from_str::<Value>(text)
            && let Some(article) = find_article(&value)
        {
            self.json_ld = Some(from_json_ld(article));
            self.json_ld_name = article.get("name").and_then(Value::as_str).map(clean);
        }
    }

    /// The metadata, given the page's `<title>` and its `<h1>` and `<h2>`
    /// texts with their levels.
    pub(crate) fn finish(self, page_title: Option<&str>, headings: &[(u8, String)]) -> Metadata {
        let from_page = page_title
            .and_then(|t| heading_in_title(t, headings).or_else(|| article_title(t, headings)));
        let mut ld = self.json_ld.unwrap_or_default();
        if let Some(name) = self.json_ld_name.filter(|n| Some(n) != ld.title.as_ref()) {
            // Some sites put a description in `headline` (or the site in
            // `name`): the one closer to the page's title is the title.
            let near = |t: &Option<String>| similarity(t.as_deref(), from_page.as_deref());
            if near(&Some(name.clone())) > near(&ld.title) {
                ld.title = Some(name);
            }
        }
        let pick = |keys: &[&str]| keys.iter().find_map(|k| self.values.get(*k).cloned());
        let title = ld
            .title
            .or_else(|| {
                pick(&[
                    "dc:title",
                    "dcterm:title",
                    "og:title",
                    "weibo:article:title",
                    "weibo:webpage:title",
                    "title",
                    "twitter:title",
                    "parsely-title",
                ])
            })
            .or(from_page);
        let author = ld.author.or_else(|| {
            pick(&["dc:creator", "dcterm:creator", "author", "parsely-author"])
                .or_else(|| pick(&["article:author"]).filter(|a| !a.starts_with("http")))
        });
        Metadata {
            title,
            author,
            published: ld
                .published
                .or_else(|| pick(&["article:published_time", "parsely-pub-date"])),
            site: ld.site.or_else(|| pick(&["og:site_name"])),
            url: self.canonical.or(ld.url).or_else(|| pick(&["og:url"])),
            lang: self.lang,
            redirect: self.redirect,
            description: pick(&[
                "dc:description",
                "dcterm:description",
                "og:description",
                "weibo:article:description",
                "weibo:webpage:description",
                "description",
                "twitter:description",
            ]),
        }
    }
}

/// One line of display text, bounded.
fn clean(value: &str) -> String {
    let words: Vec<&str> = value.split_whitespace().collect();
    let mut line = sanitize_line(&words.join(" "));
    if line.len() > MAX_VALUE {
        let mut end = MAX_VALUE;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line.truncate(end);
    }
    line
}

/// `og:title`, `article:published_time`...: the `property` keys read.
fn property_key(key: &str) -> Option<String> {
    let key = key.to_ascii_lowercase();
    let (prefix, field) = key.split_once(':')?;
    let known_prefix = matches!(prefix, "article" | "dc" | "dcterm" | "og" | "twitter");
    let known_field = matches!(
        field,
        "author" | "creator" | "description" | "published_time" | "title" | "site_name" | "url"
    );
    (known_prefix && known_field).then(|| format!("{prefix}:{field}"))
}

/// `author`, `dc.title`, `parsely-pub-date`...: the `name` keys read,
/// normalized to `prefix:field` (Parse.ly's `prefix-field` kept).
fn name_key(name: &str) -> Option<String> {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
        .replace('.', ":");
    const FIELDS: &[&str] = &[
        "author",
        "creator",
        "pub-date",
        "description",
        "title",
        "site_name",
    ];
    if FIELDS.contains(&key.as_str()) {
        return Some(key);
    }
    for prefix in [
        "dc",
        "dcterm",
        "og",
        "twitter",
        "weibo:article",
        "weibo:webpage",
    ] {
        if let Some(field) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix(':'))
            && FIELDS.contains(&field)
        {
            return Some(format!("{prefix}:{field}"));
        }
    }
    key.strip_prefix("parsely-")
        .filter(|f| FIELDS.contains(f))
        .map(|_| key.clone())
}

/// The first schema.org article object in a JSON-LD value (a list or an
/// `@graph` of objects is searched).
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            if is_article_type(object.get("@type")) {
                return Some(value);
            }
            object.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

fn is_article_type(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(kind)) => ARTICLE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article_type(Some(k))),
        _ => false,
    }
}

fn from_json_ld(article: &Value) -> Metadata {
    let text = |key: &str| {
        article
            .get(key)
            .and_then(Value::as_str)
            .map(clean)
            .filter(|s| !s.is_empty())
    };
    Metadata {
        title: text("headline").or_else(|| text("name")),
        author: article.get("author").and_then(names),
        published: text("datePublished"),
        site: article
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(clean)
            .filter(|s| !s.is_empty()),
        url: text("url"),
        ..Metadata::default()
    }
}

/// An author: a name, an object with a name, or a list of them.
fn names(author: &Value) -> Option<String> {
    let list: Vec<String> = match author {
        Value::String(name) => vec![clean(name)],
        Value::Object(object) => object
            .get("name")
            .and_then(Value::as_str)
            .map(clean)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let joined = list
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!joined.is_empty()).then_some(joined)
}

/// The share of `b`'s words that are in `a` (0 when either is missing).
fn similarity(a: Option<&str>, b: Option<&str>) -> f64 {
    let (Some(a), Some(b)) = (a, b) else {
        return 0.0;
    };
    let a: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
    let b: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    if b.is_empty() {
        return 0.0;
    }
    b.iter().filter(|w| a.contains(w)).count() as f64 / b.len() as f64
}

/// Separators between an article's title and the site's name.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];

/// The article's `<h1>` when the page's `<title>` is that heading with
/// the site's name after it (`Lake study | The Daily`): the heading is
/// the article's own title, whatever its length. An `<h1>` at the end of
/// the title is more often the site's banner than the article.
fn heading_in_title(page_title: &str, headings: &[(u8, String)]) -> Option<String> {
    let page_title = clean(page_title);
    headings
        .iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, h)| clean(h))
        .filter(|h| h.chars().count() >= 2 && h.len() < page_title.len())
        .find(|h| {
            page_title.strip_prefix(h.as_str()).is_some_and(|rest| {
                rest.starts_with(' ')
                    && rest
                        .trim_start()
                        .starts_with(|c| SEPARATORS.contains(&c) || c == ':')
            })
        })
}

/// Whether byte `at` of `title` is inside parentheses or brackets, where a
/// colon or a dash belongs to the words around it, not between the
/// article's title and the site's name (`The Basics (libffi: a library)`).
fn in_brackets(title: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in title[..at].chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// `title` split at its last ": " outside brackets.
fn split_at_last_colon(title: &str) -> Option<(&str, &str)> {
    let at = title
        .rmatch_indices(": ")
        .map(|(at, _)| at)
        .find(|&at| !in_brackets(title, at))?;
    Some((&title[..at], &title[at + 2..]))
}

/// The article's title from the page's `<title>`: the site's name after a
/// separator is cut off when enough words remain (Readability's rule);
/// a title that is too short or too long gives way to the only `<h1>`.
fn article_title(page_title: &str, headings: &[(u8, String)]) -> Option<String> {
    let original = clean(page_title);
    let words = |s: &str| s.split_whitespace().count();
    let separated = original
        .char_indices()
        .filter(|&(i, c)| {
            SEPARATORS.contains(&c)
                && !in_brackets(&original, i)
                && original[..i].ends_with(' ')
                && original[i + c.len_utf8()..].starts_with(' ')
        })
        .map(|(i, c)| (i, c.len_utf8()))
        .collect::<Vec<_>>();
    let mut title = original.clone();
    if let (Some(&(first, first_len)), Some(&(last, _))) = (separated.first(), separated.last()) {
        title = original[..last].trim().to_string();
        if words(&title) < 3 {
            title = original[first + first_len..].trim().to_string();
        }
    } else if let Some((head, tail)) = split_at_last_colon(&original) {
        let matches_heading = headings.iter().any(|(_, h)| clean(h) == original);
        if !matches_heading {
            title = tail.trim().to_string();
            if words(&title) < 3 {
                title = original
                    .split_once(": ")
                    .map_or(original.clone(), |(_, t)| t.trim().to_string());
            } else if words(head.split(": ").next().unwrap_or("")) > 5 {
                title = original.clone();
            }
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let mut h1s = headings.iter().filter(|(level, _)| *level == 1);
        if let (Some((_, only)), None) = (h1s.next(), h1s.next()) {
            title = clean(only);
        }
    }
    // Too little left: the cut was wrong, unless a hierarchical
    // separator (`/`, `>`, `»`) left exactly the last level.
    let hierarchical = separated
        .iter()
        .any(|&(i, _)| matches!(original[i..].chars().next(), Some('\\' | '/' | '>' | '»')));
    let levels = words(&original.replace(SEPARATORS, "")).saturating_sub(1);
    if words(&title) <= 4 && (!hierarchical || words(&title) != levels) {
        title = original;
    }
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_in_brackets_does_not_cut_the_title() {
        let title = "The Basics (libffi: the portable foreign function interface library)";
        assert_eq!(article_title(title, &[]).as_deref(), Some(title));
        let title = "Capturing the environment with closures [Rust: the book] - Rust Site";
        assert_eq!(
            article_title(title, &[]).as_deref(),
            Some("Capturing the environment with closures [Rust: the book]")
        );
    }

    #[test]
    fn the_site_name_is_cut_from_the_page_title() {
        let cut = |t: &str| article_title(t, &[]);
        assert_eq!(
            cut("United States to Lift Sudan Sanctions - The New York Times").as_deref(),
            Some("United States to Lift Sudan Sanctions")
        );
        assert_eq!(
            cut("Daily Example | How the river changed its course").as_deref(),
            Some("How the river changed its course")
        );
        // Too little would be left: the title stays whole.
        assert_eq!(cut("News - Home").as_deref(), Some("News - Home"));
    }

    #[test]
    fn the_h1_wins_over_a_title_with_the_site_name() {
        let h1 = |t: &str| vec![(1, t.to_string())];
        let title = |page: &str, heads: &[(u8, String)]| {
            MetadataReader::default().finish(Some(page), heads).title
        };
        // Too short for the separator rule to cut: the <h1> says it.
        assert_eq!(
            title("Lake study | The Daily Example", &h1("Lake study")).as_deref(),
            Some("Lake study")
        );
        // A heading at the end is the site's banner, not the article.
        assert_eq!(
            title("Evolve: Shared History — evolve docs", &h1("evolve docs")).as_deref(),
            Some("Evolve: Shared History — evolve docs")
        );
        // An <h1> that is not the title's head is not taken for it.
        assert_eq!(
            title("Lake study | The Daily Example", &h1("Menu")).as_deref(),
            Some("Lake study | The Daily Example")
        );
        // A menu bar's <h1> with the site's name, at the end of the title
        // after a dash, is not the article's title.
        let site = h1("The Rust Programming Language");
        assert_ne!(
            title("Installation - The Rust Programming Language", &site).as_deref(),
            Some("The Rust Programming Language")
        );
        // og:title still wins over both.
        let mut reader = MetadataReader::default();
        reader.meta(None, Some("og:title"), Some("The lake, studied"));
        let m = reader.finish(Some("Lake study | The Daily"), &h1("Lake study"));
        assert_eq!(m.title.as_deref(), Some("The lake, studied"));
    }

    #[test]
    fn json_ld_wins_over_meta_tags() {
        let mut reader = MetadataReader::default();
        reader.meta(None, Some("og:title"), Some("OG title"));
        reader.meta(Some("author"), None, Some("Meta Author"));
        reader.json_ld(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
               {"@type":"NewsArticle","headline":"The headline",
                "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],
                "datePublished":"2024-04-20T04:20:00Z","publisher":{"name":"The Daily"}}]}"#,
        );
        let m = reader.finish(Some("Page title - Site"), &[]);
        assert_eq!(m.title.as_deref(), Some("The headline"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(m.published.as_deref(), Some("2024-04-20T04:20:00Z"));
        assert_eq!(m.site.as_deref(), Some("The Daily"));
    }

    #[test]
    fn meta_tags_by_property_and_name() {
        let mut reader = MetadataReader::default();
        reader.meta(None, Some("dc:title og:title"), Some("Both"));
        reader.meta(Some("DC.creator"), None, Some("Dee"));
        reader.meta(None, Some("og:site_name"), Some("Example"));
        reader.meta(None, Some("article:published_time"), Some("2020-01-02"));
        reader.link(Some("canonical"), Some("https://example.com/a"));
        reader.lang(Some("en-GB"));
        let m = reader.finish(None, &[]);
        assert_eq!(m.title.as_deref(), Some("Both"));
        assert_eq!(m.author.as_deref(), Some("Dee"));
        assert_eq!(m.site.as_deref(), Some("Example"));
        assert_eq!(m.published.as_deref(), Some("2020-01-02"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let mut reader = MetadataReader::default();
        reader.json_ld("{\"@type\": \"NewsArticle\", \"headline\": ");
        reader.meta(None, Some("og:title"), Some("Fallback"));
        assert_eq!(reader.finish(None, &[]).title.as_deref(), Some("Fallback"));
    }
}
