//! The page tree as `scraper` (html5ever) builds it, fed to an
//! [`Outline`] as open/text/close events, and its metadata elements to a
//! [`MetadataReader`].

use super::metadata::{Metadata, MetadataReader};
use super::{Attributes, Outline};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Feeds every element and text node of `html`, in document order.
pub(crate) fn feed_scraper(html: &Html, outline: &mut Outline<NodeId>) {
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let attrs = Attributes {
                        class: e.attr("class"),
                        id: e.attr("id"),
                        role: e.attr("role"),
                        style: e.attr("style"),
                        hidden: e.attr("hidden").is_some(),
                        aria_hidden: e.attr("aria-hidden"),
                        itemprop: e.attr("itemprop"),
                        itemtype: e.attr("itemtype"),
                    };
                    outline.open(node.id(), e.name(), attrs);
                }
                Node::Text(text) => outline.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    outline.close();
                }
            }
        }
    }
}

/// Headings looked at for the title: enough for real pages, bounded for
/// hostile ones.
const TITLE_HEADINGS: usize = 64;

/// The page's metadata; `page_title` is its `<title>` text.
pub(crate) fn read_metadata(html: &Html, page_title: Option<&str>) -> Metadata {
    let mut reader = MetadataReader::default();
    let mut headings = Vec::new();
    for node in html.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "html" => reader.lang(e.attr("lang")),
            "meta" => reader.meta(e.attr("name"), e.attr("property"), e.attr("content")),
            "link" => reader.link(e.attr("rel"), e.attr("href")),
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
                    .collect();
                reader.json_ld(&text);
            }
            name @ ("h1" | "h2") if headings.len() < TITLE_HEADINGS => {
                let text: String = node
                    .descendants()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
                    .collect();
                headings.push((u8::from(name == "h2") + 1, text));
            }
            _ => {}
        }
    }
    reader.finish(page_title, &headings)
}
