//! What a result row shows besides the title: the best matching passage,
//! how many passages match, and a one-line excerpt around the first match
//! with the matched words marked.

use super::find::{merge, term_ranges, tokens_for};
use super::query::Query;
use super::title::title_positions;
use super::{Hit, Snippet};
use crate::document::Document;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Fills in `hit`'s title positions, best passage, passage count and
/// snippet (at most `width` columns) for `doc` and `query`.
pub fn describe(doc: &Document, query: &Query, width: usize, hit: &mut Hit) {
    describe_passages(doc, query, width, hit, u64::MAX, true);
}

/// [`describe`], looking only at the passages whose bit (`p % 64`) is set
/// in `mask` when the document has at most 64 passages: the index knows
/// which passages hold the query's words, so most are never scanned. The
/// title's matched letters are found only when `titles` asks for them.
pub(crate) fn describe_passages(
    doc: &Document,
    query: &Query,
    width: usize,
    hit: &mut Hit,
    mask: u64,
    titles: bool,
) {
    let exact = doc.passages.len() <= 64;
    hit.title_positions.clear();
    if titles {
        hit.title_positions.extend(
            query
                .positive()
                .flat_map(|t| title_positions(&doc.title, t)),
        );
        hit.title_positions.sort_unstable();
        hit.title_positions.dedup();
    }
    hit.best_passage = None;
    hit.passage_matches = 0;
    hit.snippet = None;
    // Best: the passage with the most distinct terms, then the most
    // matches, then the earliest.
    let mut best: Option<(usize, usize, usize, Vec<Range<usize>>)> = None;
    for p in 0..doc.passages.len() {
        if (exact && mask & (1 << (p % 64)) == 0) || doc.is_folded(p) {
            continue;
        }
        let text = doc.passage_text(p);
        let toks = tokens_for(text, query);
        let (mut distinct, mut ranges) = (0, Vec::new());
        for term in query.positive() {
            let before = ranges.len();
            term_ranges(text, &toks, term, &mut ranges);
            distinct += usize::from(ranges.len() > before);
        }
        if ranges.is_empty() {
            continue;
        }
        hit.passage_matches += 1;
        let count = ranges.len();
        if best.as_ref().is_none_or(|b| (distinct, count) > (b.1, b.2)) {
            best = Some((p, distinct, count, ranges));
        }
    }
    if let Some((p, _, _, ranges)) = best {
        hit.best_passage = Some(p);
        hit.snippet = Some(one_line(doc.passage_text(p), &merge(ranges), width));
    }
}

/// `text` on one line (whitespace and control characters collapsed to a
/// space), cut to `width` columns around the first of `ranges` (byte
/// ranges of `text`), which are carried over to the result. A width of 0
/// means no limit.
pub fn one_line(text: &str, ranges: &[Range<usize>], width: usize) -> Snippet {
    let skip = ascii_skip(text, ranges, width);
    if skip > 0 {
        let rebased: Vec<Range<usize>> = ranges
            .iter()
            .map(|r| r.start - skip..r.end - skip)
            .collect();
        let (line, highlights) = flatten(&text[skip..], &rebased, width);
        return trim_around(&line, &highlights, width);
    }
    let (line, highlights) = flatten(text, ranges, width);
    if width == 0 || fits(&line, width) {
        return Snippet {
            text: line,
            highlights,
        };
    }
    trim_around(&line, &highlights, width)
}

/// Where [`one_line`] may start flattening an ASCII `text` whose first
/// range starts far in, or 0 for the start. The snippet shows at most a
/// quarter of `width` before that range, so flattening can start later:
/// mid-word (where the flattened text is the whole line's from there on),
/// with more than a quarter of the width of visible bytes still before the
/// range. Only when the whole line is too wide anyway (more visible bytes
/// than `width`), so that the snippet is cut with an ellipsis either way,
/// and when a range holds a visible byte, so that the snippet centres on
/// a range, not on the start of the line. Most of a long passage's
/// snippet time was flattening the words before its first match.
fn ascii_skip(text: &str, ranges: &[Range<usize>], width: usize) -> usize {
    let visible = |b: &u8| visible_ascii(*b);
    let Some(first) = ranges.iter().map(|r| r.start).min() else {
        return 0;
    };
    let bytes = text.as_bytes();
    let need = width / 4 + 2;
    if width == 0 || first <= 2 * need || !text.is_ascii() {
        return 0;
    }
    let shown = |r: &Range<usize>| bytes.get(r.clone()).is_some_and(|b| b.iter().any(visible));
    if !ranges.iter().any(shown) {
        return 0;
    }
    let (mut seen, mut at) = (0, first.min(bytes.len()));
    while at > 1 {
        at -= 1;
        if visible(&bytes[at]) {
            seen += 1;
            if seen >= need && visible(&bytes[at - 1]) {
                let too_wide = bytes.iter().filter(|b| visible(b)).nth(width).is_some();
                return if too_wide { at } else { 0 };
            }
        }
    }
    0
}

/// A byte drawn as itself in a flattened ASCII line: not a space or control.
fn visible_ascii(b: u8) -> bool {
    (0x21..0x7f).contains(&b)
}

/// `text` with runs of whitespace and control characters collapsed to one
/// space (none at either end), and `ranges` carried over: each endpoint
/// moves to where the first character at or after it went.
///
/// With a `width` (not 0), ASCII text may stop early, once the line is
/// over `width` columns past the first range: [`trim_around`] cuts there
/// anyway, so the snippet is the same as from the whole line.
fn flatten(text: &str, ranges: &[Range<usize>], width: usize) -> (String, Vec<Range<usize>>) {
    // Endpoints in text order: (offset in text, which, offset in line).
    let mut ends: Vec<(usize, usize, usize)> = ranges
        .iter()
        .enumerate()
        .flat_map(|(i, r)| [(r.start, 2 * i, 0), (r.end, 2 * i + 1, 0)])
        .collect();
    ends.sort_unstable();
    let mut line = if text.is_ascii() {
        flatten_ascii(text.as_bytes(), &mut ends, width)
    } else {
        flatten_chars(text, &mut ends, width)
    };
    line.truncate(line.trim_end().len());
    ends.sort_unstable_by_key(|e| e.1);
    let highlights = ends
        .chunks_exact(2)
        .map(|pair| pair[0].2.min(line.len())..pair[1].2.min(line.len()))
        .filter(|r| r.start < r.end)
        .collect();
    (line, highlights)
}

/// [`flatten`] for any text, a character at a time; endpoints past the
/// end go to the end. With a `width`, stops as [`flatten_ascii`] does,
/// counting display columns past the first range's start.
fn flatten_chars(text: &str, ends: &mut [(usize, usize, usize)], width: usize) -> String {
    let mut line = String::with_capacity(if width == 0 { text.len() } else { 8 * width });
    let mut next = 0;
    let mut in_space = true; // drops leading whitespace
    let partner = first_range_end(ends);
    // Columns of the line from the first range's start, once it is placed.
    let mut columns = 0;
    for (at, c) in text.char_indices() {
        if width > 0 && !in_space && columns > width + 1 && focus(ends, partner, next).is_some() {
            break;
        }
        while next < ends.len() && ends[next].0 <= at {
            ends[next].2 = line.len();
            next += 1;
        }
        if c.is_whitespace() || c.is_control() {
            if !in_space {
                line.push(' ');
                in_space = true;
                columns += usize::from(next > 0);
            }
        } else {
            line.push(c);
            in_space = false;
            if next > 0 {
                columns += c.width().unwrap_or(0);
            }
        }
    }
    for end in &mut ends[next..] {
        end.2 = line.len();
    }
    line
}

/// Where the end of the first range is among `ends` (sorted by offset),
/// when that range also starts first, as merged ranges do: the flattening
/// may stop early only then.
fn first_range_end(ends: &[(usize, usize, usize)]) -> Option<usize> {
    ends.first()
        .filter(|first| first.1 == 0)
        .and_then(|_| ends.iter().position(|e| e.1 == 1))
}

/// Where the snippet will centre in the line: the first range's start,
/// once `next` endpoints are placed and that range is known not to be
/// empty (`partner` is [`first_range_end`]).
fn focus(ends: &[(usize, usize, usize)], partner: Option<usize>, next: usize) -> Option<usize> {
    let j = partner?;
    (next > j && ends[j].2 > ends[0].2).then_some(ends[0].2)
}

/// [`flatten_chars`] for ASCII, a run of visible bytes or of spaces and
/// controls at a time (most of the snippet cost is long paragraphs). With
/// a `width`, stops after a visible run once the line reaches more than
/// `width + 1` columns past the start of the first range, when that range
/// is known not to be empty (so it is where the snippet centres).
fn flatten_ascii(text: &[u8], ends: &mut [(usize, usize, usize)], width: usize) -> String {
    let visible = visible_ascii;
    let mut line = Vec::with_capacity(if width == 0 { text.len() } else { 4 * width });
    let (mut at, mut next) = (0, 0);
    let partner = first_range_end(ends);
    while at < text.len() {
        if width > 0
            && line.last().is_some_and(|&b| visible(b))
            && focus(ends, partner, next).is_some_and(|at| line.len() > at + width + 1)
        {
            break;
        }
        let start = at;
        let shown = visible(text[at]);
        while at < text.len() && visible(text[at]) == shown {
            at += 1;
        }
        let before = line.len();
        if shown {
            line.extend_from_slice(&text[start..at]);
        } else if before > 0 {
            line.push(b' ');
        }
        while next < ends.len() && ends[next].0 < at {
            let offset = ends[next].0.saturating_sub(start);
            ends[next].2 = if shown {
                before + offset
            } else if offset == 0 {
                before
            } else {
                line.len()
            };
            next += 1;
        }
    }
    for end in &mut ends[next..] {
        end.2 = line.len();
    }
    String::from_utf8(line).unwrap_or_default()
}

/// Whether a flattened line is at most `width` columns wide (printable
/// ASCII is one column each). Stops at the first character past `width`:
/// a snippet of a long passage needs only its first screen measured.
fn fits(line: &str, width: usize) -> bool {
    if line.len() <= width {
        return true;
    }
    if line.is_ascii() {
        return false;
    }
    let mut used = 0;
    line.chars().all(|c| {
        used += c.width().unwrap_or(0);
        used <= width
    })
}

fn trim_around(line: &str, ranges: &[Range<usize>], width: usize) -> Snippet {
    let cols = |c: char| c.width().unwrap_or(0);
    let focus = ranges.first().map_or(0, |r| r.start);
    // Up to a quarter of the width as context before the first match,
    // starting at a word when one starts in that stretch.
    let mut start = focus;
    let mut used = 0;
    for (at, c) in line[..focus].char_indices().rev() {
        if used + cols(c) > width / 4 {
            break;
        }
        used += cols(c);
        start = at;
    }
    if start > 0
        && !line[..start].ends_with(' ')
        && let Some(space) = line[start..focus].find(' ')
    {
        start += space + 1;
    }
    let lead = start > 0;
    let budget = width.saturating_sub(usize::from(lead));
    let (mut end, mut used) = (start, 0);
    for c in line[start..].chars() {
        if used + cols(c) > budget {
            break;
        }
        used += cols(c);
        end += c.len_utf8();
    }
    let tail = end < line.len();
    if tail {
        while used + 1 > budget && end > start {
            let Some(c) = line[start..end].chars().next_back() else {
                break;
            };
            end -= c.len_utf8();
            used -= cols(c);
        }
    }
    let mut text = String::with_capacity(end - start + 6);
    if lead {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(&line[start..end]);
    if tail {
        text.push('…');
    }
    let highlights = ranges
        .iter()
        .map(|r| r.start.max(start) - start + shift..r.end.min(end).max(start) - start + shift)
        .filter(|r| r.start < r.end)
        .collect();
    Snippet { text, highlights }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlighted range is the case under test
mod tests {
    use super::*;
    use crate::store::DocId;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn without_title_positions_a_hit_is_described_the_same() {
        let doc = Document::new(
            crate::document::Source::Stdin,
            "WeChat weekly\n\nNothing here.\n\nWe were well, and we went west.\n".into(),
        );
        let query = Query::parse("we");
        let (mut with, mut without) = (Hit::plain(DocId(0)), Hit::plain(DocId(0)));
        describe_passages(&doc, &query, 40, &mut with, u64::MAX, true);
        describe_passages(&doc, &query, 40, &mut without, u64::MAX, false);
        assert!(!with.title_positions.is_empty());
        assert!(without.title_positions.is_empty());
        with.title_positions.clear();
        assert_eq!(with, without);
        assert_eq!(without.best_passage, Some(1));
    }

    #[test]
    fn fits_counts_columns_up_to_the_width() {
        let cjk = "微信".repeat(10);
        assert!(fits(&cjk, 40));
        assert!(!fits(&cjk, 39));
        assert!(fits("short", 5));
        assert!(!fits("longer", 5));
        // Zero-width marks take no room.
        assert!(fits(&"e\u{301}".repeat(5), 5));
        assert!(fits("", 0));
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    /// The straightforward version `flatten` must agree with.
    fn flatten_reference(text: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
        let mut line = String::new();
        let mut offsets = Vec::new();
        let mut in_space = true;
        for (at, c) in text.char_indices() {
            offsets.push((at, line.len()));
            if c.is_whitespace() || c.is_control() {
                if !in_space {
                    line.push(' ');
                    in_space = true;
                }
            } else {
                line.push(c);
                in_space = false;
            }
        }
        line.truncate(line.trim_end().len());
        let map = |src: usize| {
            let i = offsets.partition_point(|&(at, _)| at < src);
            offsets
                .get(i)
                .map_or(line.len(), |&(_, out)| out)
                .min(line.len())
        };
        let highlights = ranges
            .iter()
            .map(|r| map(r.start)..map(r.end))
            .filter(|r| r.start < r.end)
            .collect();
        (line, highlights)
    }

    #[test]
    fn flatten_agrees_with_the_reference() {
        let texts = [
            "  red\n\tenvelope \u{7} here  ",
            "a  b\n\nc ",
            "微信  支付\n宝 ",
            "",
            "   ",
            "x",
            "Ça va,\t\tÇA?  ",
        ];
        for text in texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (i, &a) in bounds.iter().enumerate() {
                for &b in &bounds[i..] {
                    let ranges = [a..b, b..text.len()];
                    assert_eq!(
                        flatten(text, &ranges, 0),
                        flatten_reference(text, &ranges),
                        "{text:?} {a}..{b}"
                    );
                }
            }
        }
    }

    /// Stopping the flattening of a long ASCII passage early gives the
    /// snippet the whole line gives.
    #[test]
    fn a_snippet_of_a_long_passage_is_cut_as_from_the_whole_line() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let ascii = [
            "word",
            "a",
            "  ",
            "\n\n",
            "\t",
            "x,y",
            " ",
            "\u{7}",
            "Long-word.",
        ];
        let wide = [
            "微信",
            "支付宝。",
            "e\u{301}",
            "👍",
            "\u{3000}",
            "\u{200b}",
            "ｗ",
        ];
        let mut skipped = 0;
        for round in 0..12_000 {
            let text: String = (0..next(if round % 4 == 0 { 300 } else { 60 }))
                .map(|_| match next(3) {
                    0 if round % 2 == 1 => wide[next(wide.len())],
                    _ => ascii[next(ascii.len())],
                })
                .collect();
            let boundary = |mut i: usize| {
                while !text.is_char_boundary(i) {
                    i += 1;
                }
                i
            };
            let mut ranges = Vec::new();
            let mut at = boundary(next(text.len() + 1));
            while at < text.len() && ranges.len() < 4 {
                let end = boundary((at + 1 + next(6)).min(text.len()));
                ranges.push(at..end);
                at = boundary((end + next(20)).min(text.len()));
            }
            let width = 1 + next(40);
            let (line, highlights) = flatten(&text, &ranges, 0);
            let whole = if fits(&line, width) {
                Snippet {
                    text: line,
                    highlights,
                }
            } else {
                trim_around(&line, &highlights, width)
            };
            assert_eq!(
                one_line(&text, &ranges, width),
                whole,
                "{text:?} {ranges:?} {width}"
            );
            skipped += usize::from(ascii_skip(&text, &ranges, width) > 0);
        }
        // Flattening started past the start in a good share of the rounds.
        assert!(skipped > 1_000, "{skipped}");
    }

    #[test]
    fn collapses_lines_and_keeps_highlights() {
        let text = "  red\n\tenvelope \u{7} here  ";
        let s = one_line(text, &[2..15], 0);
        assert_eq!(s.text, "red envelope here");
        assert_eq!(marked(&s), vec!["red envelope"]);
    }

    #[test]
    fn trims_around_the_first_match_within_width() {
        let text = format!("{} WeChat {}", "lead ".repeat(40), "tail ".repeat(40));
        let at = text.find("WeChat").unwrap();
        let s = one_line(&text, &[at..at + 6], 40);
        assert!(s.text.width() <= 40, "{}", s.text);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(marked(&s), vec!["WeChat"]);
        let before = s.text.find("WeChat").unwrap();
        assert!((5..=14).contains(&s.text[..before].width()), "{}", s.text);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let text = "微信".repeat(50) + "红包" + &"微信".repeat(50);
        let at = text.find("红包").unwrap();
        let s = one_line(&text, &[at..at + 6], 21);
        assert!(s.text.width() <= 21, "{}", s.text.width());
        assert_eq!(marked(&s), vec!["红包"]);
    }
}
