//! Where prose may break: at spaces, between CJK characters, after a
//! hyphen or dash in a word, but not inside `C++`, a URL, a path or an
//! identifier (`std::vec::Vec`, `a.b_c()`), which Unicode's line-break
//! rules would split after `+`, `/` or `.`. Broken, a URL is no longer
//! found by the terminal nor copied whole. Such a run is broken only when
//! it cannot fit on a line of its own (textwrap's `break_words`).

use textwrap::WordSeparator;
use textwrap::core::Word;
use unicode_width::UnicodeWidthChar;

/// The word separator for prose: Unicode's break opportunities, less those
/// inside a run of characters without a space, unless CJK or a dash in a
/// word is beside it.
pub fn prose_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let base = line.as_ptr() as usize;
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        let at = (word.word.as_ptr() as usize).wrapping_sub(base);
        if at > line.len() {
            // Not a piece of `line`: keep textwrap's own words.
            return WordSeparator::UnicodeBreakProperties.find_words(line);
        }
        let from = start.unwrap_or(at);
        let end = at + word.word.len() + word.whitespace.len();
        let next = line[end.min(line.len())..].chars().next();
        let breaks = !word.whitespace.is_empty()
            || next.is_none_or(|next| may_break(&line[from..end], next));
        if breaks {
            words.push(Word::from(&line[from..end]));
            start = None;
        } else {
            start = Some(from);
        }
    }
    if let Some(from) = start {
        words.push(Word::from(&line[from..]));
    }
    Box::new(words.into_iter())
}

/// True when a line may break between `before` (the run so far, no space
/// in it) and the character `next`.
fn may_break(before: &str, next: char) -> bool {
    let Some(last) = before.chars().last() else {
        return true;
    };
    if is_wide(last) || is_wide(next) {
        return true;
    }
    matches!(last, '-' | '‐' | '–' | '—') && next.is_alphabetic() && !looks_like_address(before)
}

fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// A URL, mail address or path, where even a hyphen is part of the name.
fn looks_like_address(run: &str) -> bool {
    run.contains("://") || run.contains('@') || run.starts_with("www.") || run.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::{Options, WordSplitter};

    fn wrap(text: &str, width: usize) -> Vec<String> {
        let options = Options::new(width)
            .word_separator(WordSeparator::Custom(prose_words))
            .word_splitter(WordSplitter::NoHyphenation)
            .break_words(true);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    }

    #[test]
    fn c_plus_plus_urls_and_paths_stay_whole() {
        assert_eq!(
            wrap("written in C++ mostly", 11),
            vec!["written in", "C++ mostly"]
        );
        assert_eq!(
            wrap("see https://example.com/a-b/c?d=e now", 30),
            vec!["see", "https://example.com/a-b/c?d=e", "now"]
        );
        assert_eq!(
            wrap("call std::vec::Vec::new() here", 20),
            vec!["call", "std::vec::Vec::new()", "here"]
        );
    }

    #[test]
    fn runs_too_long_for_a_line_still_break() {
        let lines = wrap("go to https://example.com/a/very/long/path", 16);
        assert_eq!(
            lines.concat().replace(' ', ""),
            "gotohttps://example.com/a/very/long/path"
        );
        assert!(lines.iter().all(|l| l.len() <= 16), "{lines:?}");
    }

    #[test]
    fn cjk_and_dashes_still_break() {
        assert_eq!(wrap("微信支付宝微信", 6), vec!["微信支", "付宝微", "信"]);
        assert_eq!(wrap("said so—twice", 8), vec!["said so—", "twice"]);
    }
}
