//! Helpers that turn text into styled spans that fit a width: truncation by
//! display width and highlighting of matched characters.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

/// Cuts `text` to at most `width` columns, ending in "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    if crate::sanitize::columns(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to `width` columns from the start, keeping its end behind a
/// leading `…`: for paths, whose last folders say the most.
pub fn fit_start(text: &str, width: usize) -> String {
    if crate::sanitize::columns(text) <= width {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from(if width > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

/// Spans for `text` cut to `width`, with the chars at `positions` (char
/// indices, sorted) drawn in `highlight` over `base`.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    highlight: Style,
) -> Vec<Span<'static>> {
    let shown = fit(text, width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = positions.iter().peekable();
    for (index, c) in shown.chars().enumerate() {
        while next.peek().is_some_and(|&&p| p < index) {
            next.next();
        }
        let hit = next.peek() == Some(&&index) && c != '…';
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit { base.patch(highlight) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit { base.patch(highlight) } else { base },
        ));
    }
    spans
}

/// How long ago `then` was, both in milliseconds since the epoch, in a
/// few characters: "just now", "5 min ago", "3 h ago", "2 d ago".
pub fn age(now: u64, then: u64) -> String {
    let minutes = now.saturating_sub(then) / 60_000;
    match minutes {
        0 => "just now".to_string(),
        1..=59 => format!("{minutes} min ago"),
        60..=1439 => format!("{} h ago", minutes / 60),
        1440..=86_399 => format!("{} d ago", minutes / 1440),
        _ => format!("{} mo ago", minutes / 43_200),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    #[test]
    fn fit_cuts_by_columns() {
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("微信支付", 5), "微信…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn ages_read_naturally() {
        let min = 60_000;
        assert_eq!(age(10 * min, 10 * min), "just now");
        assert_eq!(age(50 * min, 45 * min), "5 min ago");
        assert_eq!(age(200 * min, 20 * min), "3 h ago");
        assert_eq!(age(3 * 1440 * min, 0), "3 d ago");
        assert_eq!(age(100 * 1440 * min, 0), "3 mo ago");
        assert_eq!(
            age(0, 5 * min),
            "just now",
            "clock skew is not negative time"
        );
    }

    #[test]
    fn highlights_split_runs() {
        let hl = Style::new().fg(Color::Yellow);
        let spans = highlighted("QQ Media", &[0, 3], 20, Style::new(), hl);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hl))
            .collect();
        assert_eq!(
            parts,
            vec![("Q", true), ("Q ", false), ("M", true), ("edia", false)]
        );
    }
}
