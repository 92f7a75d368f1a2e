//! A guard against deeply nested HTML before it reaches html5ever.
//!
//! html5ever, like the HTML spec's tree builder, scans the stack of open
//! elements for many tags, so thousands of unclosed `<div>`s take time
//! quadratic in their number (seconds for 64 KiB). Browsers cap the tree
//! depth; html5ever does not. This pre-pass counts the nesting of elements
//! that need an end tag and removes start tags beyond [`MAX_NESTING`].
//! Pages within the limit are parsed byte for byte as written.

use std::borrow::Cow;

/// Deeper start tags are dropped. Real articles nest a few dozen levels;
/// at 128 the worst case found (`<ul><li>` repeated, whose stack is twice
/// the count) parses 64 KiB in about 0.2 s.
pub(crate) const MAX_NESTING: usize = 128;

/// Elements that never nest: void elements, and those whose end tag is
/// optional (the parser closes them, so their depth would be overcounted).
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body", "frame",
    "keygen",
];
/// Elements whose content is not markup: skipped to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `source`, with start tags nested deeper than [`MAX_NESTING`] removed
/// (line breaks inside them are kept, so line numbers still match).
///
/// Tag names are matched in any case on the page itself: a lower-case copy
/// of a big page would cost its size again.
pub(crate) fn limit_nesting(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(found) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let start = i + found;
        let rest = &source[start..];
        if rest.starts_with("<!--") {
            i = skip_past(source, start + 4, "-->");
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            i = skip_past(source, start + 2, ">");
        } else if let Some(name) = rest.strip_prefix("</").map(tag_name) {
            if counted(name) {
                depth = depth.saturating_sub(1);
            }
            i = tag_end(bytes, start + 2 + name.len());
        } else if bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(&rest[1..]);
            let end = tag_end(bytes, start + 1 + name.len());
            let self_closing = source[..end].ends_with("/>");
            if name.eq_ignore_ascii_case("plaintext") {
                break;
            } else if is_one_of(RAW_TEXT, name) {
                i = skip_past(source, end, &format!("</{name}"));
                continue;
            } else if counted(name) && !self_closing {
                depth += 1;
                if depth > MAX_NESTING {
                    cuts.push(start..end);
                }
            }
            i = end;
        } else {
            i = start + 1;
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut from = 0;
    for cut in cuts {
        out.push_str(&source[from..cut.start]);
        out.extend(source[cut.clone()].chars().filter(|&c| c == '\n'));
        from = cut.end;
    }
    out.push_str(&source[from..]);
    Cow::Owned(out)
}

fn counted(name: &str) -> bool {
    !name.is_empty() && !is_one_of(UNCOUNTED, name)
}

/// Whether `name` is one of `names` (lower case), in any case.
fn is_one_of(names: &[&str], name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The tag name at the start of `text`.
fn tag_name(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len());
    &text[..end]
}

/// The offset just past the `>` closing a tag whose attributes start at
/// `from`; quotes only count after `=`, as in the tokenizer.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_equals = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => return i + 1,
            b'"' | b'\'' if after_equals => {
                let close = bytes[i + 1..].iter().position(|&q| q == b);
                i = close.map_or(bytes.len(), |p| i + 1 + p);
                after_equals = false;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    bytes.len()
}

/// The offset just past the next `needle` (which starts with a byte that
/// has no case) at or after `from`, in any case (the end of the text when
/// there is none).
fn skip_past(text: &str, from: usize, needle: &str) -> usize {
    let (bytes, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = needle.split_first() else {
        return from.min(bytes.len());
    };
    let rest = bytes.get(from..).unwrap_or_default();
    memchr::memchr_iter(first, rest)
        .map(|at| from + at)
        .find(|&at| {
            bytes
                .get(at..at + needle.len())
                .is_some_and(|here| here.eq_ignore_ascii_case(needle))
        })
        .map_or(bytes.len(), |at| at + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<div><p>a<p>b<ul><li>x<li>y</ul></div><script>'<div>'.repeat()</script>";
        assert!(matches!(limit_nesting(page), Cow::Borrowed(_)));
        let unclosed_paragraphs = "<p>x".repeat(5000);
        assert!(matches!(
            limit_nesting(&unclosed_paragraphs),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn deep_start_tags_are_removed_keeping_lines() {
        let deep = format!("{}\ntext", "<div\nclass='a>b'>".repeat(600));
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div").count(), MAX_NESTING);
        assert_eq!(limited.lines().count(), deep.lines().count());
        assert!(limited.ends_with("text"));
    }

    #[test]
    fn comments_and_raw_text_do_not_count() {
        let hidden = format!(
            "<!--{}--><style>{}</style><SCRIPT>{}</script >",
            "<div>".repeat(600),
            "<div>".repeat(600),
            "<div>".repeat(600)
        );
        assert!(matches!(limit_nesting(&hidden), Cow::Borrowed(_)));
    }
}
