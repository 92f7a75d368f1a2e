//! The page tree as `scraper` (html5ever) builds it, fed to an
//! [`Outline`] as open/text/close events.

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
