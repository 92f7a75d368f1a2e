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

    /// Closes a link: its text and target are recorded for following
    /// (`Enter`, the links list), and nothing is added to the text, so a
    /// URL never sits inside the prose.
    pub(crate) fn close_link(&mut self) {
        self.close_style(SpanStyle::Link);
        let Some(link) = self.links.pop() else {
            return;
        };
        if self.code > 0 || !is_followable(&link.url) {
            return;
        }
        let end = self.text.len();
        // The recorded start is stale if the passage it was in closed (or
        // was dropped as empty) before the link did; a link in a table is
        // laid out with the table, so it marks the table's place.
        let start = match (&self.open, link.start) {
            _ if self.table.is_some() => end,
            (Some(open), Some(start))
                if link.passages_before == self.passages.len() && start >= open.start =>
            {
                start
            }
            (Some(open), _) => open.start,
            (None, _) => return,
        };
        let shown = self.text[start..end].trim_end();
        let lead = shown.len() - shown.trim_start().len();
        self.found
            .push(start + lead, start + shown.len(), &link.url);
    }

    /// An element id (HTML `id`, `<a name>`): a place a `#fragment` link
    /// can name, at the text written next.
    pub(crate) fn id(&mut self, id: &str) {
        let id = id.trim();
        if !id.is_empty() && self.found.ids.len() < crate::links::MAX_IDS {
            // With no passage open, the next one starts after its blank line.
            let at =
                self.text.len() + 2 * usize::from(self.open.is_none() && !self.text.is_empty());
            self.found.ids.push((sanitize_line(id), at));
        }
    }

    /// Markdown headings name themselves by their slug, as on GitHub.
    pub(crate) fn slug_headings(&mut self) {
        self.slug_headings = true;
    }

    /// An image from `src` starts; its alt text follows.
    pub(crate) fn start_image(&mut self, src: &str) {
        self.images += 1;
        self.open_style(SpanStyle::Dim);
        self.put(IMAGE_OPEN, false);
        let start = (self.table.is_none() && self.text.ends_with(IMAGE_OPEN))
            .then(|| self.text.len() - IMAGE_OPEN.len());
        let badge = crate::markup::badges::is_badge_source(src);
        self.image_starts.push((start, badge));
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
        if let Some((Some(start), badge)) = self.image_starts.pop() {
            let range = start..self.text.len();
            let mark = crate::markup::badges::ImageMark { range, badge };
            self.image_marks.push(mark);
        }
    }

    /// An image from `src` with its alt text already known (HTML `<img>`).
    pub(crate) fn image(&mut self, alt: &str, src: &str) {
        self.start_image(src);
        self.words(alt);
        self.end_image();
    }
}

/// Whether a link target can be followed: not empty, not script.
fn is_followable(url: &str) -> bool {
    !url.is_empty()
        && !url
            .get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
}
