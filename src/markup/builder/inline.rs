//! The inline half of [`Builder`]: emphasis and other styles, links with
//! their numbered references, images and task boxes.

use super::{Builder, IMAGE_OPEN, OpenLink, OpenStyle};
use crate::document::SpanStyle;
use crate::sanitize::sanitize_line;

impl Builder {
    /// A task list checkbox.
    pub(crate) fn task(&mut self, checked: bool) {
        self.put(if checked { "☑" } else { "☐" }, false);
        self.pending_space = true;
    }

    pub(crate) fn open_style(&mut self, style: SpanStyle) {
        let active = self.code == 0 && self.table.is_none();
        let start = self.open.is_some().then(|| {
            self.flush_space();
            self.text.len()
        });
        self.styles.push(OpenStyle {
            style,
            start,
            active,
        });
    }

    pub(crate) fn close_style(&mut self, style: SpanStyle) {
        let Some(index) = self.styles.iter().rposition(|s| s.style == style) else {
            return;
        };
        let open = self.styles.remove(index);
        if let (Some(start), true) = (open.start, open.active) {
            self.push_span(start..self.text.len(), style);
        }
    }

    pub(crate) fn open_link(&mut self, url: &str) {
        self.open_style(SpanStyle::Link);
        self.links.push(OpenLink {
            url: sanitize_line(url.trim()),
            start: self.open.is_some().then_some(self.text.len()),
            passages_before: self.passages.len(),
        });
    }

    /// Closes a link: its target becomes a numbered reference, shown dim
    /// after the text and listed at the end of the passage.
    pub(crate) fn close_link(&mut self) {
        self.close_style(SpanStyle::Link);
        let Some(link) = self.links.pop() else {
            return;
        };
        let Some(open) = self.open.as_ref().filter(|_| self.code == 0) else {
            return;
        };
        if self.table.is_some() || !wants_reference(&link.url) {
            return;
        }
        // The recorded start is stale if the passage it was in closed (or
        // was dropped as empty) before the link did.
        let shown = match link.start {
            Some(start) if link.passages_before == self.passages.len() && start >= open.start => {
                self.text.get(start..)
            }
            _ => None,
        };
        let shown = shown.unwrap_or(&self.text[open.start..]).trim();
        if shown.is_empty() || shown == link.url || link.url.strip_prefix("mailto:") == Some(shown)
        {
            return;
        }
        let number = match self.refs.iter().find(|(_, url)| *url == link.url) {
            Some((number, _)) => *number,
            None => {
                self.refs_used += 1;
                self.refs.push((self.refs_used, link.url));
                self.refs_used
            }
        };
        self.push_styled(&format!("[{number}]"), SpanStyle::Dim);
    }

    pub(crate) fn start_image(&mut self) {
        self.open_style(SpanStyle::Dim);
        self.put(IMAGE_OPEN, false);
        self.images += 1;
    }

    pub(crate) fn end_image(&mut self) {
        self.images = self.images.saturating_sub(1);
        let bare = IMAGE_OPEN.trim_end_matches([' ', ':']);
        if let Some(table) = &mut self.table {
            if table.ends_with(IMAGE_OPEN) {
                table.unpush(IMAGE_OPEN.len());
                table.push(&format!("{bare}]"), false);
            } else {
                table.push("]", false);
            }
        } else if self.text.ends_with(IMAGE_OPEN)
            && self
                .open
                .as_ref()
                .is_some_and(|o| self.text.len() >= o.start + IMAGE_OPEN.len())
        {
            self.text.truncate(self.text.len() - IMAGE_OPEN.len());
            self.put(&format!("{bare}]"), false);
        } else {
            self.pending_space = false;
            self.put("]", false);
        }
        self.close_style(SpanStyle::Dim);
    }

    /// An image with its alt text already known (HTML `<img alt>`).
    pub(crate) fn image(&mut self, alt: &str) {
        self.start_image();
        self.words(alt);
        self.end_image();
    }
}

/// Whether a link target is worth listing: not empty, not a jump within
/// the page, not script.
fn wants_reference(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('#')
        && !url
            .get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
}
