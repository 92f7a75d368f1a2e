//! What a block of a saved page that is not its article holds, for the
//! fold line that stands in its place: navigation, comments, related
//! links, share buttons. Read from the element's name, ARIA role and
//! class and id words; anything else is page furniture in general.

use super::tree::Element;
use crate::document::FoldKind;

/// Class/id word parts and the kind they name, first match wins.
const HINTS: &[(&str, FoldKind)] = &[
    ("comment", FoldKind::Comments),
    ("disqus", FoldKind::Comments),
    ("respond", FoldKind::Comments),
    ("related", FoldKind::Related),
    ("recommend", FoldKind::Related),
    ("more-stories", FoldKind::Related),
    ("read-next", FoldKind::Related),
    ("readnext", FoldKind::Related),
    ("share", FoldKind::Share),
    ("social", FoldKind::Share),
    ("subscribe", FoldKind::Share),
    ("newsletter", FoldKind::Share),
    ("breadcrumb", FoldKind::Navigation),
    ("menu", FoldKind::Navigation),
    ("nav", FoldKind::Navigation),
    ("masthead", FoldKind::Navigation),
    ("header", FoldKind::Navigation),
    ("footer", FoldKind::Navigation),
    ("pagination", FoldKind::PreviousNext),
    ("prev-next", FoldKind::PreviousNext),
];

/// The kind of furniture element `e` is.
pub(super) fn kind(e: &Element) -> FoldKind {
    if matches!(e.name(), "nav" | "header" | "footer") {
        return FoldKind::Navigation;
    }
    if let Some(role) = e.attr("role") {
        let role = role.to_ascii_lowercase();
        if ["navigation", "banner", "contentinfo", "search"]
            .iter()
            .any(|r| role.split_ascii_whitespace().any(|w| w == *r))
        {
            return FoldKind::Navigation;
        }
    }
    let names = format!(
        "{} {}",
        e.attr("class").unwrap_or_default(),
        e.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    HINTS
        .iter()
        .find(|(part, _)| names.contains(part))
        .map_or(FoldKind::Other, |&(_, kind)| kind)
}
