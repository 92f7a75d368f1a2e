//! Properties of the path untrusted bytes take to the screen: decode ->
//! parse (Markdown, HTML) -> sanitize -> wrap. Sanitized text holds nothing
//! a terminal acts on and nothing that hides or reorders text; sanitizing
//! twice changes nothing; wrapped lines fit the width and cover the text in
//! order; no bytes make any step panic.

use proptest::prelude::*;
use quire::decode::{Decoded, decode};
use quire::document::{Block, Document, Source};
use quire::markup::{html, markdown};
use quire::sanitize::{sanitize, sanitize_line};
use quire::wrap::layout;
use unicode_width::UnicodeWidthStr;

/// Characters that change how text is ordered or hide it: bidi embeddings,
/// overrides, isolates and marks; zero-width spaces and other invisible
/// format characters. Joiners (ZWJ, ZWNJ) and variation selectors shape
/// emoji and scripts and stay; tag characters stay only inside an emoji
/// flag sequence, which [`outside_flags`] checks separately.
fn hides_or_reorders(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{180E}' | '\u{FEFF}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}')
}

/// Tag characters (U+E0020..U+E007F) that are not part of an emoji flag
/// sequence (U+1F3F4 followed by tags): invisible text, e.g. instructions
/// smuggled past a reader.
fn outside_flags(text: &str) -> Vec<char> {
    let mut in_flag = false;
    let mut stray = Vec::new();
    for c in text.chars() {
        match c {
            '\u{1F3F4}' => in_flag = true,
            '\u{E0020}'..='\u{E007F}' if in_flag => in_flag = c != '\u{E007F}',
            '\u{E0020}'..='\u{E007F}' => stray.push(c),
            _ => in_flag = false,
        }
    }
    stray
}

/// Every character that must not reach the terminal as itself.
fn offending(text: &str) -> Vec<char> {
    let mut bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || hides_or_reorders(c))
        .collect();
    bad.extend(outside_flags(text));
    bad
}

/// Text biased towards the characters that matter here: controls, C1,
/// tabs, bidi, zero-width, combining marks, tags, wide CJK and emoji.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z ]{1,8}",
        2 => prop::char::range('\u{0}', '\u{a0}').prop_map(String::from),
        1 => Just("\t".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => prop::char::range('\u{2000}', '\u{2070}').prop_map(String::from),
        1 => prop::char::range('\u{300}', '\u{36f}').prop_map(String::from),
        1 => prop::char::range('\u{fe00}', '\u{fe0f}').prop_map(String::from),
        1 => prop::char::range('\u{e0000}', '\u{e0080}').prop_map(String::from),
        1 => Just("\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}".to_string()),
        1 => Just("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".to_string()),
        1 => "[微信支付宝한국어日本語]{1,6}",
        1 => Just("\u{1b}]52;c;SGVsbG8=\u{7}".to_string()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_text(), any::<String>()]
}

/// Checks a laid-out document: text lines fit `width` and, passage by
/// passage, the lines cover every non-space character in order.
fn assert_wraps(doc: &Document, width: usize) -> Result<(), TestCaseError> {
    let lay = layout(doc, width);
    let mut last_end = 0;
    for line in &lay.lines {
        let r = line.range.clone();
        prop_assert!(r.start >= last_end && r.start <= r.end && r.end <= doc.text.len());
        prop_assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
        last_end = r.end;
        let Some(index) = line.passage else { continue };
        let passage = &doc.passages[index];
        prop_assert!(r.start >= passage.range.start && r.end <= passage.range.end);
        if matches!(passage.block, Block::Code | Block::Table | Block::Rule) {
            continue; // shown unwrapped and clipped at the pane edge
        }
        let shown = &doc.text[r];
        let room = width - usize::from(line.indent);
        // A double-width character cannot fit one column; with two or more
        // columns of room nothing may stick out.
        if room >= 2 {
            prop_assert!(
                shown.width() <= room,
                "width {width}, indent {}: {shown:?} is {} columns",
                line.indent,
                shown.width()
            );
        }
    }
    for (index, passage) in doc.passages.iter().enumerate() {
        let mut at = passage.range.start;
        for line in lay.lines.iter().filter(|l| l.passage == Some(index)) {
            let gap = &doc.text[at..line.range.start.max(at)];
            prop_assert!(gap.trim().is_empty(), "lost {gap:?} at width {width}");
            at = at.max(line.range.end);
        }
        let rest = &doc.text[at.min(passage.range.end)..passage.range.end];
        prop_assert!(rest.trim().is_empty(), "lost {rest:?} at width {width}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sanitized_text_is_safe_to_draw(s in any_text()) {
        let out = sanitize(&s);
        prop_assert!(offending(&out).is_empty(), "{:?} left in {out:?}", offending(&out));
        let line = sanitize_line(&s);
        prop_assert!(!line.contains('\n'));
        prop_assert!(offending(&line).is_empty());
    }

    #[test]
    fn sanitizing_twice_changes_nothing(s in any_text()) {
        let once = sanitize(&s);
        prop_assert_eq!(sanitize(&once), once.clone());
        let line = sanitize_line(&s);
        prop_assert_eq!(sanitize_line(&line), line);
    }

    #[test]
    fn wrapped_lines_fit_and_cover_the_text(s in any_text(), width in 2usize..120) {
        let doc = Document::new(Source::Stdin, sanitize(&s));
        assert_wraps(&doc, width)?;
    }

    #[test]
    fn markup_wraps_within_the_width(s in any_text(), width in 2usize..120) {
        let md = markdown::parse(&s).into_document(Source::Stdin);
        assert_wraps(&md, width)?;
        let page = html::parse(&s).into_document(Source::Stdin);
        assert_wraps(&page, width)?;
    }

    #[test]
    fn any_bytes_decode_parse_and_lay_out(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Decoded::Text { text, .. } = decode(&bytes) {
            let docs = [
                Document::new(Source::Stdin, sanitize(&text)),
                markdown::parse(&text).into_document(Source::Stdin),
                html::parse(&text).into_document(Source::Stdin),
            ];
            for doc in &docs {
                prop_assert!(offending(&doc.text).is_empty());
                prop_assert!(offending(&doc.title).is_empty() && !doc.title.contains('\n'));
                for width in [2, 7, 40] {
                    assert_wraps(doc, width)?;
                }
            }
        }
    }
}
