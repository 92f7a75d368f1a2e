//! Saved web pages (HTML, parsed by html5ever into a [`tree::Tree`]) to a
//! [`Parsed`] article: page chrome dropped, the article's blocks kept.
//!
//! html5ever builds the same tree a browser would from any input, entities
//! decoded, so the walk here only has to know what each element means. The
//! walk is iterative (`traverse`), so deeply nested input cannot overflow the
//! stack.

mod chunks;
mod doc_chrome;
mod furniture;
mod nesting;
mod text_store;
pub(super) mod tree;

use super::Parsed;
use super::builder::{Builder, Script};
use super::extract;
use crate::document::{Fold, FoldKind, SpanStyle};
use crate::sanitize::sanitize_line;
use std::collections::HashSet;
use tree::{Edge, Element, NodeId, Tree, Value};

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
    "hgroup",
    "fieldset",
    "legend",
    "caption",
];
/// How many `<article>`/`<main>` candidates are checked for chrome
/// ancestors: enough for real pages, bounded for hostile ones.
const ROOT_CANDIDATES: usize = 64;

/// Parses an HTML article. Never fails: browsers show any bytes as a page.
///
/// The page is dropped as soon as its tree is built, and the tree's
/// nodes and text are given back as the article is written (see
/// [`chunks`] and [`text_store`]).
pub fn parse(source: impl Into<String>) -> Parsed {
    let source: String = source.into();
    let page_bytes = source.len();
    let mut tree = Tree::parse(&nesting::limit_nesting(&source));
    drop(source);
    let title = page_title(&tree);
    // Both read the tree whole, so before the walk gives its text back.
    let metadata = extract::read_metadata(&tree, title.as_deref());
    let elements = tree.element_count();
    let article = if extract::affordable(page_bytes, elements) {
        extract::article(elements, |outline| extract::feed_tree(&tree, outline)).map_err(Some)
    } else {
        // Too big to outline: shown whole, as before there was extraction.
        Err(None)
    };
    // The article's text is about the page's, plus link numbers: room
    // for half as much again is made at once (room never written to costs
    // no memory), so it does not grow by copies. Likewise two style spans
    // an element: a link makes three, most elements none.
    let mut walk = Walk {
        builder: Builder::with_capacity(tree.text_len() / 2 * 3, tree.element_count() * 2),
        sections: 0,
        table_heads: 0,
        pruned: HashSet::new(),
        folds: Vec::new(),
        fold: None,
    };
    let whole_page = match article {
        Ok(article) => {
            walk.run_article(&mut tree, article);
            None
        }
        // No article found by scoring: the only <article> or <main> is
        // taken for it, the page around it folded; without one, the page
        // is shown whole, and says so.
        Err(why) => match content_root(&tree) {
            root if root == tree.root() => {
                walk.run(&mut tree, root);
                why
            }
            root => {
                let choice = extract::Choice {
                    roots: vec![root],
                    pruned: Vec::new(),
                    text: 0,
                };
                walk.run_article(&mut tree, choice);
                None
            }
        },
    };
    drop(tree);
    let mut folds = std::mem::take(&mut walk.folds);
    let mut parsed = walk.builder.finish();
    // A page that is all menus and asides is shown as it is, not as
    // nothing: folds are what is around something to read.
    let folded: usize = folds.iter().map(|f| f.passages.len()).sum();
    if folded >= parsed.passages.len() {
        folds.clear();
    }
    parsed.metadata = metadata;
    parsed.folds = folds;
    parsed.whole_page = whole_page;
    // The article's own title (og:title, JSON-LD, or <title> without the
    // site's name) over the first heading.
    if let Some(title) = parsed.metadata.title.clone().or(title) {
        parsed.title = Some(title);
    }
    parsed
}

struct Walk {
    builder: Builder,
    /// Open `<article>`/`<main>`/`<section>` elements: a `<header>` or
    /// `<footer>` inside one belongs to the article, not the page.
    sections: usize,
    table_heads: usize,
    /// Furniture inside the article, folded.
    pruned: HashSet<NodeId>,
    /// The page around the article: runs of passages, in order.
    folds: Vec<Fold>,
    /// The fold being written: the element it ends with (None for the
    /// whole subtree being walked), the first passage, its kind.
    fold: Option<(Option<NodeId>, usize, FoldKind)>,
}

impl Walk {
    /// Reads the whole page: the elements extraction chose as the
    /// article, and the rest as folds (menus, comments, related links),
    /// which the reader shows on request. The elements that hold the
    /// article are passed through, not read, so a layout table around it
    /// does not make it a table.
    fn run_article(&mut self, tree: &mut Tree, article: extract::Choice<NodeId>) {
        self.pruned = article.pruned.into_iter().collect();
        let roots: HashSet<NodeId> = article.roots.into_iter().collect();
        let holders: HashSet<NodeId> = roots.iter().flat_map(|&r| tree.ancestors(r)).collect();
        let top = tree.root();
        let mut step = Some(Edge::Open(top));
        while let Some(edge) = step {
            step = match edge {
                Edge::Open(node) if roots.contains(&node) => {
                    self.sections = tree
                        .ancestors(node)
                        .filter_map(|a| tree.element(a))
                        .filter(|e| matches!(e.name(), "article" | "main" | "section"))
                        .count();
                    self.run(tree, node);
                    tree.after(top, Edge::Close(node))
                }
                Edge::Open(node) if node == top || holders.contains(&node) => {
                    self.builder.boundary();
                    tree.after(top, edge)
                }
                Edge::Open(node) => {
                    let kind = tree
                        .element(node)
                        .map_or(FoldKind::Other, |e| furniture::kind(&e));
                    self.begin_fold(None, kind);
                    self.run(tree, node);
                    self.end_fold();
                    tree.after(top, Edge::Close(node))
                }
                Edge::Close(_) => {
                    self.builder.boundary();
                    tree.after(top, edge)
                }
            };
        }
    }

    /// Starts a fold at the next passage, unless one is open.
    fn begin_fold(&mut self, until: Option<NodeId>, kind: FoldKind) {
        if self.fold.is_none() {
            let first = self.builder.passages_written();
            self.fold = Some((until, first, kind));
        }
    }

    /// Ends the open fold after the passages written so far.
    fn end_fold(&mut self) {
        if let Some((_, first, kind)) = self.fold.take() {
            let end = self.builder.passages_written();
            if first < end {
                self.folds.push(Fold::new(first..end, kind));
            }
        }
    }

    /// Writes the page under `root`, giving back its text as it is read.
    /// Inside the article, furniture (what extraction pruned, menus and
    /// asides) is written as a fold; elements never seen on a page
    /// (scripts, hidden parts) are skipped.
    fn run(&mut self, tree: &mut Tree, root: NodeId) {
        // The dropped element being skipped, until its close edge.
        let mut skipping = None;
        let mut step = Some(Edge::Open(root));
        while let Some(edge) = step {
            match edge {
                Edge::Open(node) if skipping.is_none() => match tree.value(node) {
                    Value::Text(text) => {
                        if let Some(line) = tree.text_line(node) {
                            self.builder.offer_line(line);
                        }
                        self.builder.words(text);
                        tree.release(node);
                    }
                    Value::Element(e) if is_unseen(&e) => skipping = Some(node),
                    Value::Element(e) if doc_chrome::is_furniture(tree, node, &e) => {
                        skipping = Some(node)
                    }
                    Value::Element(e) if self.fold.is_some() => self.open(&e),
                    Value::Element(e) if self.is_dropped(&e) || self.pruned.contains(&node) => {
                        self.begin_fold(Some(node), furniture::kind(&e));
                        self.open(&e);
                    }
                    Value::Element(e) => self.open(&e),
                    Value::Other => {}
                },
                Edge::Open(node) => tree.release(node),
                Edge::Close(node) => {
                    if skipping.is_some() {
                        if skipping == Some(node) {
                            skipping = None;
                        }
                    } else if let Some(e) = tree.element(node) {
                        self.close(&e);
                        if matches!(self.fold, Some((Some(until), ..)) if until == node) {
                            self.end_fold();
                        }
                    }
                }
            }
            step = tree.advance(root, edge);
        }
    }

    /// Not the article: furniture by name (a menu, an aside, the page's
    /// header and footer) or by role.
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
                // A site's name in a banner <h1> is not the article's title.
                b.start_heading(level, level == 1 && self.fold.is_none());
            }
            "summary" => b.start_summary(),
            "pre" | "listing" | "xmp" | "plaintext" => b.start_code(),
            "ul" | "menu" | "dir" => b.start_list(None),
            "ol" => b.start_list(Some(number(e.attr("start")).unwrap_or(1))),
            "li" => b.start_item(number(e.attr("value"))),
            "blockquote" => b.start_quote(),
            // Passages without text take their element's line.
            "hr" => {
                b.offer_line(e.line());
                b.rule();
            }
            "br" => b.hard_break(),
            "img" => {
                if let Some(alt) = e.attr("alt").filter(|a| !a.trim().is_empty()) {
                    b.offer_line(e.line());
                    let src = e.attr("data-canonical-src").or_else(|| e.attr("src"));
                    b.image(alt, src.unwrap_or_default());
                }
            }
            "input"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("checkbox")) =>
            {
                b.offer_line(e.line());
                b.task(e.attr("checked").is_some());
            }
            // Links in the page around the article are not numbered: the
            // article's own references stay 1, 2, 3...
            "a" if self.fold.is_some() => b.open_style(SpanStyle::Link),
            "a" => {
                if let Some(href) = e.attr("href") {
                    b.open_link(href);
                }
            }
            "sup" => b.start_script(Script::Super),
            "sub" => b.start_script(Script::Sub),
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
        // After the element opened its block, so the id names its text.
        let named = (e.name() == "a").then(|| e.attr("name")).flatten();
        if let Some(id) = e.attr("id").or(named) {
            self.builder.id(id);
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
            "summary" => b.end_summary(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => b.end_heading(),
            "pre" | "listing" | "xmp" | "plaintext" => b.end_code(),
            "ul" | "menu" | "dir" | "ol" => b.end_list(),
            "li" => b.end_item(),
            "blockquote" => b.end_quote(),
            "a" if self.fold.is_some() => b.close_style(SpanStyle::Link),
            "a" => {
                if e.attr("href").is_some() {
                    b.close_link();
                }
            }
            "sup" | "sub" => b.end_script(),
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

/// Never shown by a browser: scripts, styles, media, form controls,
/// hidden elements. Menus and asides are shown (as folds).
fn is_unseen(e: &Element) -> bool {
    (DROPPED.contains(&e.name()) && !matches!(e.name(), "nav" | "aside"))
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn is_dropped_anywhere(e: &Element) -> bool {
    DROPPED.contains(&e.name()) || is_chrome(e)
}

/// The element holding the article: the only `<article>`, else `<main>`,
/// else the whole document. Candidates inside chrome (a related-posts
/// `<aside>`) do not count.
fn content_root(tree: &Tree) -> NodeId {
    let mut articles = Vec::new();
    let mut main = None;
    let mut checked = 0;
    for node in tree.descendants(tree.root()) {
        let Some(e) = tree.element(node) else {
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
        let in_chrome = tree
            .ancestors(node)
            .filter_map(|a| tree.element(a))
            .any(|a| is_dropped_anywhere(&a));
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
        _ => tree.root(),
    }
}

/// The text of the page's `<title>`, whitespace collapsed.
fn page_title(tree: &Tree) -> Option<String> {
    let named = |n: NodeId, name: &str| tree.element(n).is_some_and(|e| e.name() == name);
    let head = tree.descendants(tree.root()).find(|&n| named(n, "head"))?;
    let title = tree.children(head).find(|&n| named(n, "title"))?;
    let text: String = tree
        .descendants(title)
        .filter_map(|n| match tree.value(n) {
            Value::Text(text) => Some(text),
            _ => None,
        })
        .collect();
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let line = sanitize_line(&words.join(" "));
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
