//! What the help overlay says, without how it looks: each mode's bindings
//! as (keys, description) rows, narrowed by the overlay's filter. Shared by
//! the overlay ([`crate::ui::help`]) and `update()`, which needs the line
//! count to scroll, so the model never calls view code.

use crate::keymap::{Keymap, Mode};

/// One mode's rows that match the filter.
pub struct Section {
    pub mode: Mode,
    /// The keys (", "-joined, or "(unbound)") and what they do.
    pub rows: Vec<(String, &'static str)>,
}

/// Every mode's rows whose keys or description hold each word of `query`
/// (ignoring case); modes left with no row are left out.
pub fn sections(keymap: &Keymap, query: &str) -> Vec<Section> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut sections = Vec::new();
    for mode in Mode::ALL {
        let mut rows: Vec<(String, &'static str)> = keymap
            .bindings(mode)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.join(", ")
                };
                (keys, b.description)
            })
            .collect();
        if mode == Mode::Filter {
            rows.push((
                "other keys".to_string(),
                "Type into the filter; every word must match the title",
            ));
        }
        rows.retain(|(keys, description)| {
            let text = format!("{keys} {description}").to_lowercase();
            words.iter().all(|w| text.contains(w))
        });
        if !rows.is_empty() {
            sections.push(Section { mode, rows });
        }
    }
    sections
}

/// How many lines the overlay shows for `query`: a title per section, a
/// blank line between sections, or one line saying nothing matched.
pub fn line_count(keymap: &Keymap, query: &str) -> usize {
    let sections = sections(keymap, query);
    let rows: usize = sections.iter().map(|s| 1 + s.rows.len()).sum();
    (rows + sections.len().saturating_sub(1)).max(1)
}
