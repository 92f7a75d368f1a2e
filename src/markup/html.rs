//! Saved web pages (HTML, parsed by html5ever through `scraper`) to a
//! [`Parsed`] article: page chrome dropped, the article's blocks kept.
//!
//! html5ever builds the same tree a browser would from any input, entities
//! decoded, so the walk here only has to know what each element means. The
//! walk is iterative (`traverse`), so deeply nested input cannot overflow the
//! stack.

mod nesting;

use super::builder::Builder;
use super::extract;
use super::{LineIndex, Parsed};
use crate::document::SpanStyle;
use crate::sanitize::sanitize_line;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::HashSet;

/// Elements that are never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "iframe", "svg", "head", "button",
    "select", "textarea", "object", "embed", "canvas", "audio", "video", "dialog",
];
/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
];
/// Elements that start and end a block (a passage boundary) and mean
/// nothing more here.
const PLAIN_BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "hgroup",
    "fieldset",
    "legend",
    "caption",
];
/// How far past the last placed passage to look for the next one's words.
const LINE_SEARCH_WINDOW: usize = 64 * 1024;
/// How many `<article>`/`<main>` candidates are checked for chrome
/// ancestors: enough for real pages, bounded for hostile ones.
const ROOT_CANDIDATES: usize = 64;

/// Parses an HTML article. Never fails: browsers show any bytes as a page.
pub fn parse(source: &str) -> Parsed {
    let html = Html::parse_document(&nesting::limit_nesting(source));
    let title = page_title(&html);
    let mut walk = Walk {
        builder: Builder::new(),
        sections: 0,
        table_heads: 0,
        pruned: HashSet::new(),
    };
    match extract::article(|outline| extract::feed_scraper(&html, outline)) {
        Some(article) => walk.run_article(&html, article),
        None => walk.run(content_root(&html)),
    }
    let mut parsed = walk.builder.finish();
    parsed.metadata = extract::read_metadata(&html, title.as_deref());
    // The article's own title (og:title, JSON-LD, or <title> without the
    // site's name) over the first heading.
    if let Some(title) = parsed.metadata.title.clone().or(title) {
        parsed.title = Some(title);
    }
    assign_lines(&mut parsed, source);
    parsed
}

struct Walk {
    builder: Builder,
    /// Open `<article>`/`<main>`/`<section>` elements: a `<header>` or
    /// `<footer>` inside one belongs to the article, not the page.
    sections: usize,
    table_heads: usize,
    /// Furniture inside the article, left out.
    pruned: HashSet<NodeId>,
}

impl Walk {
    /// Reads the elements extraction chose, in order.
    fn run_article(&mut self, html: &Html, article: extract::Choice<NodeId>) {
        self.pruned = article.pruned.into_iter().collect();
        for root in article.roots.into_iter().filter_map(|id| html.tree.get(id)) {
            self.sections = root
                .ancestors()
                .filter_map(|a| a.value().as_element())
                .filter(|e| matches!(e.name(), "article" | "main" | "section"))
                .count();
            self.run(root);
        }
    }

    fn run(&mut self, root: NodeRef<'_, Node>) {
        // The dropped element being skipped, until its close edge.
        let mut skipping = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.value() {
                    Node::Text(text) => self.builder.words(text),
                    Node::Element(e) if self.is_dropped(e) || self.pruned.contains(&node.id()) => {
                        skipping = Some(node.id())
                    }
                    Node::Element(e) => self.open(e),
                    _ => {}
                },
                Edge::Open(_) => {}
                Edge::Close(node) => {
                    if skipping.is_some() {
                        if skipping == Some(node.id()) {
                            skipping = None;
                        }
                    } else if let Node::Element(e) = node.value() {
                        self.close(e);
                    }
                }
            }
        }
    }

    fn is_dropped(&self, e: &Element) -> bool {
        let name = e.name();
        DROPPED.contains(&name)
            || (matches!(name, "header" | "footer") && self.sections == 0)
            || is_chrome(e)
    }

    fn open(&mut self, e: &Element) {
        let b = &mut self.builder;
        match e.name() {
            "article" | "main" | "section" => {
                self.sections += 1;
                b.boundary();
            }
            name if PLAIN_BLOCKS.contains(&name) => b.boundary(),
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let level = heading_level(name);
                b.start_heading(level, level == 1);
            }
            "pre" | "listing" | "xmp" | "plaintext" => b.start_code(),
            "ul" | "menu" | "dir" => b.start_list(None),
            "ol" => b.start_list(Some(number(e.attr("start")).unwrap_or(1))),
            "li" => b.start_item(number(e.attr("value"))),
            "blockquote" => b.start_quote(),
            "hr" => b.rule(),
            "br" => b.hard_break(),
            "img" => {
                if let Some(alt) = e.attr("alt").filter(|a| !a.trim().is_empty()) {
                    b.image(alt);
                }
            }
            "input"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("checkbox")) =>
            {
                b.task(e.attr("checked").is_some());
            }
            "a" => {
                if let Some(href) = e.attr("href") {
                    b.open_link(href);
                }
            }
            "table" => b.start_table(Vec::new()),
            "thead" => self.table_heads += 1,
            "tr" => b.start_row(self.table_heads > 0),
            "td" => b.start_cell(false),
            "th" => b.start_cell(true),
            name => {
                if let Some(style) = inline_style(name) {
                    b.open_style(style);
                }
            }
        }
    }

    fn close(&mut self, e: &Element) {
        let b = &mut self.builder;
        match e.name() {
            "article" | "main" | "section" => {
                self.sections = self.sections.saturating_sub(1);
                b.boundary();
            }
            name if PLAIN_BLOCKS.contains(&name) => b.boundary(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => b.end_heading(),
            "pre" | "listing" | "xmp" | "plaintext" => b.end_code(),
            "ul" | "menu" | "dir" | "ol" => b.end_list(),
            "li" => b.end_item(),
            "blockquote" => b.end_quote(),
            "a" => {
                if e.attr("href").is_some() {
                    b.close_link();
                }
            }
            "table" => b.end_table(),
            "thead" => self.table_heads = self.table_heads.saturating_sub(1),
            "tr" => b.end_row(),
            "td" | "th" => b.end_cell(),
            name => {
                if let Some(style) = inline_style(name) {
                    b.close_style(style);
                }
            }
        }
    }
}

fn inline_style(name: &str) -> Option<SpanStyle> {
    Some(match name {
        "em" | "i" | "cite" | "dfn" | "var" => SpanStyle::Emphasis,
        "strong" | "b" => SpanStyle::Strong,
        "code" | "kbd" | "samp" | "tt" => SpanStyle::Code,
        "s" | "strike" | "del" => SpanStyle::Strikethrough,
        _ => return None,
    })
}

fn heading_level(name: &str) -> u8 {
    name.strip_prefix('h')
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

fn number(attr: Option<&str>) -> Option<u64> {
    attr.and_then(|v| v.trim().parse().ok())
}

/// Navigation, banners, hidden parts: not the article.
fn is_chrome(e: &Element) -> bool {
    e.attr("role").is_some_and(|role| {
        role.split_ascii_whitespace()
            .any(|r| CHROME_ROLES.iter().any(|c| c.eq_ignore_ascii_case(r)))
    }) || e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn is_dropped_anywhere(e: &Element) -> bool {
    DROPPED.contains(&e.name()) || is_chrome(e)
}

/// The element holding the article: the only `<article>`, else `<main>`,
/// else the whole document. Candidates inside chrome (a related-posts
/// `<aside>`) do not count.
fn content_root(html: &Html) -> NodeRef<'_, Node> {
    let mut articles = Vec::new();
    let mut main = None;
    let mut checked = 0;
    for node in html.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        let is_main = e.name() == "main"
            || e.attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"));
        if e.name() != "article" && !is_main {
            continue;
        }
        checked += 1;
        if checked > ROOT_CANDIDATES || articles.len() > 1 {
            break;
        }
        let in_chrome = node
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .any(is_dropped_anywhere);
        if in_chrome {
            continue;
        }
        if e.name() == "article" {
            articles.push(node);
        } else if main.is_none() {
            main = Some(node);
        }
    }
    match (articles.as_slice(), main) {
        ([only], _) => *only,
        (_, Some(main)) => main,
        _ => html.tree.root(),
    }
}

/// The text of the page's `<title>`, whitespace collapsed.
fn page_title(html: &Html) -> Option<String> {
    let head = html
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "head"))?;
    let title = head
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))?;
    let text: String = title
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| &**t))
        .collect();
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let line = sanitize_line(&words.join(" "));
    (!line.is_empty()).then_some(line)
}

/// Source lines for the passages. The tree keeps no positions, so each
/// passage's longest opening word is looked for after the previous one;
/// when it is not found (entities, generated text) the last line stays.
fn assign_lines(parsed: &mut Parsed, source: &str) {
    let lines = LineIndex::new(source);
    let mut cursor = source.to_ascii_lowercase().find("<body").unwrap_or(0);
    for passage in &mut parsed.passages {
        let text = parsed.text.get(passage.range.clone()).unwrap_or("");
        // Words as written: markers, table rules and control pictures
        // are not in the source.
        let probe = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().all(char::is_alphanumeric))
            .take(6)
            .max_by_key(|w| w.len())
            .unwrap_or("");
        let window_end = floor_char_boundary(source, cursor.saturating_add(LINE_SEARCH_WINDOW));
        let window = source.get(cursor..window_end).unwrap_or("");
        if let Some(found) = window.find(probe).filter(|_| !probe.is_empty()) {
            cursor += found;
        }
        passage.line = lines.line(cursor);
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
