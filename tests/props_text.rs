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
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that change how text is ordered or hide it: bidi embeddings,
/// overrides, isolates and marks; zero-width spaces, fillers and other
/// invisible format characters. Joiners (ZWJ, ZWNJ) and variation
/// selectors shape emoji and scripts and stay where they shape something,
/// which [`out_of_context`] checks; tag characters stay only inside a
/// subdivision flag, which [`outside_flags`] checks.
fn hides_or_reorders(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{180E}' | '\u{FEFF}'
        | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{3164}'
        | '\u{FFA0}' | '\u{FFFC}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FFF0}'..='\u{FFFB}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E001F}'
        | '\u{E0080}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}')
}

/// The tags of the three subdivision flags Unicode recommends (England,
/// Scotland, Wales), each after U+1F3F4 and ending in the cancel tag.
const FLAG_TAGS: [&str; 3] = ["gbeng", "gbsct", "gbwls"];

/// Tag characters (U+E0020..U+E007F) that are not part of a subdivision
/// flag: invisible text, e.g. instructions smuggled past a reader.
fn outside_flags(text: &str) -> Vec<char> {
    let mut stray = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '\u{1F3F4}' {
            let flag = FLAG_TAGS.iter().find_map(|region| {
                let tags: String = region
                    .chars()
                    .chain(['\u{7F}'])
                    .filter_map(|a| char::from_u32(0xE0000 + a as u32))
                    .collect();
                rest.strip_prefix(tags.as_str())
            });
            if let Some(after) = flag {
                rest = after;
            }
        } else if ('\u{E0020}'..='\u{E007F}').contains(&c) {
            stray.push(c);
        }
    }
    stray
}

/// Selectors and joiners where they shape nothing: at the start, after a
/// space, a joiner after a joiner, a selector after either (a run of them
/// spells hidden text).
fn out_of_context(text: &str) -> Vec<char> {
    let shaping = |c: char| {
        matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'
            | '\u{180B}'..='\u{180D}' | '\u{180F}')
    };
    let joiner = |c: char| matches!(c, '\u{200C}' | '\u{200D}');
    let mut before = ' ';
    let mut stray = Vec::new();
    for c in text.chars() {
        // A joiner may follow a selector (as in the rainbow flag's VS16
        // then ZWJ); a selector follows a visible character.
        let after = if joiner(c) {
            joiner(before)
        } else {
            shaping(before)
        };
        if shaping(c) && (before.is_whitespace() || after) {
            stray.push(c);
        }
        before = c;
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
    bad.extend(out_of_context(text));
    bad
}

/// Grapheme clusters whose width as one picture (what quire measures)
/// differs from the sum of their characters' widths (what tmux 3.3, xterm
/// and VTE draw): each would misalign the rest of its row.
fn misdrawn(text: &str) -> Vec<String> {
    text.graphemes(true)
        .filter(|g| {
            if g.contains('\n') {
                return false;
            }
            let one_by_one: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
            g.width() != one_by_one
        })
        .map(String::from)
        .collect()
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
        1 => prop::sample::select(vec![
            "\u{1F44B}\u{1F3FD}", "1\u{FE0F}\u{20E3}", "\u{2764}\u{FE0F}", "\u{1F1EF}\u{1F1F5}",
            "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{1F3FB}", "\u{8FBB}\u{E0100}", "\u{3164}",
            "\u{115F}", "\u{FFFC}", "\u{1F3F4}\u{E0075}\u{E0073}\u{E007F}", "\u{1F600}\u{FE01}\u{FE02}",
        ]).prop_map(String::from),
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
        // Measured as drawn: character by character (which, for sanitized
        // text, is also grapheme by grapheme, as ratatui draws).
        let drawn = quire::sanitize::columns(shown);
        // A lone character wider than the room (U+17D8 is three columns)
        // has nowhere narrower to go: it stands alone and is clipped.
        let lone = shown.trim().graphemes(true).count() == 1;
        if room >= 2 && !lone {
            prop_assert!(
                drawn <= room,
                "width {width}, indent {}: {shown:?} is {drawn} columns",
                line.indent
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
        prop_assert!(misdrawn(&out).is_empty(), "{:?} in {out:?}", misdrawn(&out));
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
                prop_assert!(misdrawn(&doc.text).is_empty(), "{:?}", misdrawn(&doc.text));
                prop_assert!(offending(&doc.title).is_empty() && !doc.title.contains('\n'));
                for width in [2, 7, 40] {
                    assert_wraps(doc, width)?;
                }
            }
        }
    }
}

#[test]
fn emoji_split_across_markup_still_measure_as_drawn() {
    // Each piece is sanitized alone; joined, a skin tone would fall on the
    // hand before it.
    for (md, page) in [
        ("**\u{1F44B}**\u{1F3FD} hi", "<b>\u{1F44B}</b>\u{1F3FD} hi"),
        (
            "\u{1F469}\u{200D}*\u{1F467}*",
            "\u{1F469}\u{200D}<i>\u{1F467}</i>",
        ),
    ] {
        let docs = [
            markdown::parse(md).into_document(Source::Stdin),
            html::parse(page).into_document(Source::Stdin),
        ];
        for doc in docs {
            assert!(misdrawn(&doc.text).is_empty(), "{:?}", doc.text);
            assert!(offending(&doc.text).is_empty(), "{:?}", doc.text);
            assert!(doc.text.contains('\u{1F3FD}') || doc.text.contains('\u{1F467}'));
        }
    }
}

#[test]
fn a_character_wider_than_the_column_stands_alone() {
    // U+17D8 is three columns; at two columns it gets a line of its own
    // and the letters after it still fit.
    let doc = Document::new(Source::Stdin, sanitize("Title\n\n\u{17D8}ab cd"));
    let lay = layout(&doc, 2);
    let shown: Vec<&str> = lay
        .lines
        .iter()
        .map(|l| doc.text[l.range.clone()].trim())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(shown.contains(&"\u{17D8}"), "{shown:?}");
    assert!(assert_wraps(&doc, 2).is_ok());
}
