//! The page's [`Tree`] fed to an [`Outline`] as open/text/close events,
//! and its metadata elements to a [`MetadataReader`].

use super::metadata::{Metadata, MetadataReader};
use super::{Attributes, Outline};
use crate::markup::html::tree::{Edge, Element, NodeId, Tree, Value};

/// Feeds every element and text node of `tree`, in document order.
pub(crate) fn feed_tree(tree: &Tree, outline: &mut Outline<NodeId>) {
    for edge in tree.traverse(tree.root()) {
        match edge {
            Edge::Open(node) => match tree.value(node) {
                Value::Element(e) => outline.open(node, e.name(), attributes(&e)),
                Value::Text(text) => outline.text(text),
                Value::Other => {}
            },
            Edge::Close(node) => {
                if tree.element(node).is_some() {
                    outline.close();
                }
            }
        }
    }
}

/// The attributes extraction reads, in one pass over the element's kept
/// attributes (not a search of them for each name).
fn attributes<'t>(e: &Element<'t>) -> Attributes<'t> {
    let mut attrs = Attributes::default();
    for (name, value) in e.attributes() {
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

/// The text of the text nodes among `nodes`, joined.
fn text_of(tree: &Tree, nodes: impl Iterator<Item = NodeId>) -> String {
    nodes
        .filter_map(|n| match tree.value(n) {
            Value::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

/// The page's metadata; `page_title` is its `<title>` text.
pub(crate) fn read_metadata(tree: &Tree, page_title: Option<&str>) -> Metadata {
    let mut reader = MetadataReader::default();
    let mut headings = Vec::new();
    for node in tree.descendants(tree.root()) {
        let Some(e) = tree.element(node) else {
            continue;
        };
        match e.name() {
            "html" => reader.lang(e.attr("lang")),
            "meta"
                if e.attr("http-equiv")
                    .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh")) =>
            {
                reader.refresh(e.attr("content"));
            }
            "meta" => reader.meta(e.attr("name"), e.attr("property"), e.attr("content")),
            "link" => reader.link(e.attr("rel"), e.attr("href")),
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                reader.json_ld(&text_of(tree, tree.children(node)));
            }
            name @ ("h1" | "h2") if headings.len() < TITLE_HEADINGS => {
                let text = text_of(tree, tree.descendants(node));
                headings.push((u8::from(name == "h2") + 1, text));
            }
            _ => {}
        }
    }
    reader.finish(page_title, &headings)
}
