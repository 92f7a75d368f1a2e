//! The furniture documentation generators put around an article's text:
//! header permalinks (Sphinx `¶`, rustdoc `§`, icon-font glyphs), mdBook's
//! hidden ("boring") lines of examples, rustdoc's "Source" links, its
//! version notes and its "Expand description" toggle. None of it is the
//! author's text: shown, it fills headings, titles and the outline with
//! symbols, and makes two examples the book shows as different read the
//! same.

use super::tree::{Element, NodeId, Tree, Value};

/// Class names that mark generated furniture whatever their text:
/// mdBook's hidden example lines, Sphinx and rustdoc permalinks, rustdoc's
/// source links and its description toggle.
const FURNITURE_CLASSES: &[&str] = &["boring", "headerlink", "doc-anchor", "srclink", "hideme"];
/// rustdoc's version-and-source note floated beside every item, and its
/// version under the title: furniture when short (an element of another
/// site with such a class and a paragraph of text is not a note).
const NOTE_CLASSES: &[&str] = &["rightside", "since"];
/// Longest text of such a note: `1.0.0 (const: unstable) · Source`.
const NOTE_CHARS: usize = 48;
/// Longest text a permalink carries (a symbol or two).
const PERMALINK_CHARS: usize = 3;

/// True when element `e` (node `node` of `tree`) is furniture.
pub(super) fn is_furniture(tree: &Tree, node: NodeId, e: &Element) -> bool {
    let classes = e.attr("class").unwrap_or("");
    let has = |name: &str| classes.split_ascii_whitespace().any(|c| c == name);
    if FURNITURE_CLASSES.iter().any(|c| has(c)) {
        return true;
    }
    if NOTE_CLASSES.iter().any(|c| has(c)) && is_short(tree, node, NOTE_CHARS) {
        return true;
    }
    e.name() == "a" && (has("src") && text_is(tree, node, "Source") || is_permalink(tree, node, e))
}

/// A link to a place in the page whose whole text is a symbol (`¶`, `§`,
/// `#`, a link icon from an icon font) or nothing: a header permalink.
fn is_permalink(tree: &Tree, node: NodeId, e: &Element) -> bool {
    let Some(href) = e.attr("href").filter(|h| h.starts_with('#')) else {
        return false;
    };
    let text = text_of(tree, node);
    let text = text.trim();
    // A link to "#" goes nowhere: a mark on it (rustdoc's `ⓘ`, a `☰`)
    // opens a tooltip or a menu by script. Words on it stay.
    let symbol = |c: char| is_link_symbol(c) || (href == "#" && is_mark(c));
    text.chars().count() <= PERMALINK_CHARS && text.chars().all(symbol)
}

/// Not a letter or digit of a word: punctuation, a symbol, or a circled
/// letter (U+2460 to U+24FF, which Unicode counts as alphabetic).
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric() || ('\u{2460}'..='\u{24FF}').contains(&c)
}

fn is_link_symbol(c: char) -> bool {
    matches!(c, '¶' | '§' | '#' | '🔗' | '⚓') || is_private_use(c) || c.is_whitespace()
}

/// Icon fonts (Font Awesome's link icon is U+F0C1) draw their glyphs in
/// the Private Use Area; without the font they are boxes.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFD)
}

/// Whether the text under `node`, its whitespace runs counted as one
/// space, is at most `limit` characters (read no further than that).
fn is_short(tree: &Tree, node: NodeId, limit: usize) -> bool {
    let mut chars = 0;
    for n in tree.descendants(node) {
        if let Value::Text(t) = tree.value(n) {
            for word in t.split_whitespace() {
                chars += word.chars().count() + usize::from(chars > 0);
                if chars > limit {
                    return false;
                }
            }
        }
    }
    true
}

fn text_is(tree: &Tree, node: NodeId, expected: &str) -> bool {
    text_of(tree, node).trim() == expected
}

/// The text under `node`, up to a little more than a permalink holds.
fn text_of(tree: &Tree, node: NodeId) -> String {
    let mut text = String::new();
    for n in tree.descendants(node) {
        if let Value::Text(t) = tree.value(n) {
            text.push_str(t);
            if text.len() > 64 {
                break;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use crate::markup::html::parse;

    fn texts(html: &str) -> Vec<String> {
        let p = parse(html);
        p.passages
            .iter()
            .map(|x| p.text[x.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn sphinx_and_rustdoc_permalinks_leave_headings_and_titles() {
        let page = "<body><h1>Install<a class=\"headerlink\" href=\"#install\">¶</a></h1>\
             <h2 id=x>Usage <a href=\"#x\">\u{f0c1}</a></h2>\
             <h2><a class=\"doc-anchor\" href=\"#examples\">§</a>Examples</h2><p>Text.</p></body>";
        let p = parse(page);
        assert_eq!(p.title.as_deref(), Some("Install"));
        assert_eq!(texts(page), vec!["Install", "Usage", "Examples", "Text."]);
    }

    #[test]
    fn links_with_words_stay_even_to_anchors() {
        let page = "<p>See <a href=\"#usage\">usage</a> and <a href=\"#n\">#1</a>.</p>";
        assert!(
            texts(page)[0].starts_with("See usage and #1"),
            "{:?}",
            texts(page)
        );
    }

    #[test]
    fn a_summary_is_kept_as_the_label_of_its_details() {
        let page = "<details><summary>Show the <b>output</b></summary><p>Body.</p></details>";
        assert_eq!(texts(page), vec!["▸ Show the output", "Body."]);
    }

    #[test]
    fn mdbook_hidden_lines_are_not_shown() {
        let page = "<pre><code class=\"language-rust\"><span class=\"boring\">#![allow(unused)]\n\
             fn main() {\n</span>let x = 5;\n<span class=\"boring\">}</span></code></pre>";
        assert_eq!(texts(page), vec!["let x = 5;"]);
    }

    #[test]
    fn rustdoc_source_links_and_toggle_label_are_dropped() {
        let page = "<body><h1>Struct Vec <a class=\"src\" href=\"../src/vec.rs.html\">Source</a></h1>\
             <details class=\"toggle top-doc\" open><summary class=\"hideme\">\
             <span>Expand description</span></summary><p>A growable array.</p></details>\
             <p>The <a class=\"src\" href=\"#code\">Source code</a> is open.</p></body>";
        assert_eq!(
            texts(page),
            vec![
                "Struct Vec",
                "A growable array.",
                "The Source code is open."
            ]
        );
    }
}
