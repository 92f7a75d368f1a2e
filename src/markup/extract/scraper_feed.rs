//! The page tree as `scraper` (html5ever) builds it, fed to an
//! [`Outline`] as open/text/close events, and its metadata elements to a
//! [`MetadataReader`].

use super::metadata::{Metadata, MetadataReader};
use super::{Attributes, Outline};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// Feeds every element and text node of `html`, in document order.
pub(crate) fn feed_scraper(html: &Html, outline: &mut Outline<NodeId>) {
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let attrs = attributes(e);
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

/// The attributes extraction reads, in one pass over the element's
/// attributes (asking for each by name costs a lookup of the name in
/// html5ever's table of names, every time).
fn attributes(e: &Element) -> Attributes<'_> {
    let mut attrs = Attributes::default();
    for (name, value) in e.attrs() {
        match name {
            "class" => attrs.class = Some(value),
            "id" => attrs.id = Some(value),
            "role" => attrs.role = Some(value),
            "style" => attrs.style = Some(value),
            "hidden" => attrs.hidden = true,
            "aria-hidden" => attrs.aria_hidden = Some(value),
            "itemprop" => attrs.itemprop = Some(value),
            "itemtype" => attrs.itemtype = Some(value),
            _ => {}
        }
    }
    attrs
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
