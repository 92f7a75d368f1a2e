//! What one line or paragraph of scraped text is, when it is page furniture:
//! the phrases sites put around an article (previous/next links, "Related
//! reading", "Leave a comment", share buttons, image placeholders), in
//! English and Chinese. Each rule looks at one piece of text alone; which
//! of them are folded is decided by their place in the article (see
//! [`super::detect`]).

use unicode_width::UnicodeWidthStr;

/// A paragraph at most this wide may be a teaser, a link or a caption;
/// wider ones are prose, which the tail rules never fold.
pub const SHORT_COLUMNS: usize = 160;
/// Headings ("Related reading") and share lines are short.
const HEADING_COLUMNS: usize = 40;
const SHARE_COLUMNS: usize = 80;

/// A furniture marker: a line that is furniture by what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `<<: title`, `>>: title`, 上一篇, "Next post".
    PreviousNext,
    /// A heading over teasers: "Recommend", "Related Reading", 相关阅读.
    Related,
    /// A comment prompt or captcha line.
    Comments,
    /// Share, follow and subscribe lines.
    Share,
    /// A bare image placeholder, `[[152224]]`.
    Placeholder,
}

/// Headings that introduce links to other articles.
const RELATED: &[&str] = &[
    "recommend",
    "recommended",
    "recommended for you",
    "recommended reading",
    "recommended articles",
    "related",
    "related reading",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "related news",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "you might be interested in",
    "more stories",
    "more articles",
    "read next",
    "popular posts",
    "most popular",
    "trending",
    "相关阅读",
    "推荐阅读",
    "猜你喜欢",
    "相关文章",
    "相关推荐",
    "热门文章",
    "热门推荐",
    "延伸阅读",
    "推荐文章",
    "精彩推荐",
    "更多阅读",
    "你可能还喜欢",
    "你可能感兴趣",
];

/// Comment prompts, whole lines.
const COMMENTS: &[&str] = &[
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add a comment",
    "write a comment",
    "comments",
    "join the discussion",
    "发表评论",
    "网友评论",
    "评论",
    "写评论",
    "留言",
    "我要评论",
];

/// Words of a captcha or anti-spam line, anywhere in it.
const CAPTCHA: &[&str] = &[
    "captcha",
    "human visitor",
    "not a robot",
    "automated spam",
    "验证码",
];

/// How share, follow and subscribe lines start.
const SHARE: &[&str] = &[
    "share this",
    "share on",
    "share",
    "tweet",
    "follow us",
    "subscribe",
    "sign up for our newsletter",
    "分享到",
    "分享：",
    "关注我们",
    "扫码关注",
    "扫描二维码",
];

/// How previous/next lines start.
const PREVIOUS_NEXT: &[&str] = &[
    "<<:",
    ">>:",
    "上一篇",
    "下一篇",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "« previous",
    "next »",
    "← previous",
    "next →",
];

/// The marker `line` is, if any.
pub fn marker(line: &str) -> Option<Marker> {
    let line = line.trim();
    // A character is at most 4 bytes and takes at least one column: a
    // longer line is prose, told without measuring it (most paragraphs'
    // first lines are the whole paragraph).
    if line.is_empty() || line.len() > 4 * SHORT_COLUMNS {
        return None;
    }
    let wide = line.width();
    let key = heading_key(line);
    if is_placeholder(line) {
        Some(Marker::Placeholder)
    } else if wide <= SHORT_COLUMNS && starts_with_any(&key, PREVIOUS_NEXT) {
        Some(Marker::PreviousNext)
    } else if wide <= HEADING_COLUMNS && RELATED.contains(&key.as_str()) {
        Some(Marker::Related)
    } else if (wide <= HEADING_COLUMNS && (COMMENTS.contains(&key.as_str()) || comment_count(&key)))
        || (wide <= SHORT_COLUMNS && CAPTCHA.iter().any(|w| key.contains(w)))
    {
        Some(Marker::Comments)
    } else if wide <= SHARE_COLUMNS && starts_with_any(&key, SHARE) {
        Some(Marker::Share)
    } else {
        None
    }
}

/// The marker a paragraph is: that of its first line, when the rest of it
/// is short enough to be furniture too.
pub fn paragraph_marker(text: &str) -> Option<Marker> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let found = marker(first)?;
    (found == Marker::Placeholder
        && text
            .lines()
            .all(|l| l.trim().is_empty() || is_placeholder(l)))
    .then_some(found)
    .or_else(|| (found != Marker::Placeholder && is_short(text)).then_some(found))
}

/// At most [`SHORT_COLUMNS`] wide, counted without line breaks.
pub fn is_short(text: &str) -> bool {
    text.len() <= SHORT_COLUMNS
        || (text.len() <= 4 * SHORT_COLUMNS && text.width() <= SHORT_COLUMNS)
}

/// A short paragraph cut off with `...` or `…`: a teaser.
pub fn is_teaser(text: &str) -> bool {
    let text = text.trim_end();
    is_short(text) && (text.ends_with("...") || text.ends_with('…'))
}

/// `[[152224]]`, `[image]`, `[图片]`: a picture the scraper left out.
pub fn is_placeholder(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with('[') || line.len() > 24 {
        return false;
    }
    if let Some(inner) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
        return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit());
    }
    let key = line.to_lowercase();
    ["[image]", "[img]", "[photo]", "[picture]", "[图片]", "[图]"].contains(&key.as_str())
}

/// A short line as a lookup key: lower case, without Markdown heading
/// marks, list bullets or a closing colon.
fn heading_key(line: &str) -> String {
    line.trim_start_matches(['#', '*', '-', '•', ' '])
        .trim_end_matches([':', '：', ' ', '#', '*'])
        .to_lowercase()
}

/// `key` starts with one of `prefixes` as a whole word: "subscribe to"
/// but not "subscribers".
fn starts_with_any(key: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        key.strip_prefix(p).is_some_and(|rest| {
            // CJK has no spaces between words: there a prefix is enough.
            let last_is_letter = p.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
            !last_is_letter
                || !rest
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric())
        })
    })
}

/// "12 comments", "3 条评论".
fn comment_count(key: &str) -> bool {
    let rest = key.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < key.len() && matches!(rest.trim(), "comment" | "comments" | "条评论" | "评论")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_next_lines_in_english_and_chinese() {
        for line in [
            "<<:  Why is the Xbox One sales volume less than 40 units?",
            ">>: Introduction to Yang Wanli",
            "上一篇：微信支付的未来",
            "下一篇 支付宝",
            "Next post: a sequel",
        ] {
            assert_eq!(marker(line), Some(Marker::PreviousNext), "{line}");
        }
    }

    #[test]
    fn related_headings_only_as_whole_short_lines() {
        for line in [
            "Recommend",
            "Related Reading",
            "## You may also like",
            "相关阅读",
            "猜你喜欢：",
        ] {
            assert_eq!(marker(line), Some(Marker::Related), "{line}");
        }
        for line in [
            "Recommended by nine out of ten dentists, the brush sold out.",
            "Related work",
            "We recommend",
        ] {
            assert_eq!(marker(line), None, "{line}");
        }
    }

    #[test]
    fn comment_prompts_captcha_and_share_lines() {
        assert_eq!(marker("Leave A Comment"), Some(Marker::Comments));
        assert_eq!(marker("12 Comments"), Some(Marker::Comments));
        assert_eq!(
            marker(
                "This question is for testing whether or not you are a human visitor and to prevent automated spam submissions."
            ),
            Some(Marker::Comments)
        );
        assert_eq!(marker("Share this article"), Some(Marker::Share));
        assert_eq!(marker("分享到：微博 微信"), Some(Marker::Share));
        assert_eq!(marker("Comments on the draft were due by May."), None);
        assert_eq!(marker("Shareholders met in May."), None);
        assert_eq!(
            marker(
                "Subscribers, who pay monthly, got the feature first; everyone else waited for the spring release of the app."
            ),
            None
        );
    }

    #[test]
    fn placeholders_are_bare() {
        assert!(is_placeholder("[[152224]]"));
        assert!(is_placeholder(" [图片] "));
        assert!(!is_placeholder("[[link]]"));
        assert!(!is_placeholder("See [[152224]] above"));
        assert_eq!(paragraph_marker("[[1]]\n[[2]]"), Some(Marker::Placeholder));
        assert_eq!(paragraph_marker("[[1]]\nA caption that says more."), None);
    }

    #[test]
    fn teasers_are_short_and_cut_off() {
        assert!(is_teaser(
            "Weibo can be said to be a big brother-level platf..."
        ));
        assert!(is_teaser("微信支付的未来…"));
        assert!(!is_teaser(&format!(
            "{}...",
            "A long thought that trails off ".repeat(10)
        )));
        assert!(!is_teaser("A finished sentence."));
    }
}
