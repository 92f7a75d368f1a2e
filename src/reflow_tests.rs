//! Unit and property tests for plain-text reflow.

use super::*;
use proptest::prelude::*;

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// A paragraph of `words` wrapped greedily at `width`, each line after
/// `indent` spaces.
fn hard_wrap(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > width {
            out.push(format!("{pad}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push(format!("{pad}{line}"));
    out.join("\n")
}

const PROSE: &str = "The licenses for most software and other practical works are \
    designed to take away your freedom to share and change the works. By contrast, \
    the GNU General Public License is intended to guarantee your freedom to share \
    and change all versions of a program, to make sure it remains free software \
    for all its users.";

#[test]
fn a_hard_wrapped_paragraph_becomes_one_line() {
    let text = format!("{}\n\n{}", hard_wrap(PROSE, 72, 0), hard_wrap(PROSE, 72, 0));
    let out = reflow(&text).expect("hard-wrapped");
    assert_eq!(out.text, format!("{PROSE}\n\n{PROSE}"));
    // The second paragraph starts where it did in the file.
    let second = text.lines().position(|l| l.is_empty()).unwrap() + 2;
    assert_eq!(out.source_line(3), second);
    assert_eq!(out.source_line(1), 1);
}

#[test]
fn an_rfc_margin_is_kept_and_its_indented_block_stays() {
    let block = "      GET /pub/WWW/TheProject.html HTTP/1.1\n      Host: www.w3.org";
    let text = format!(
        "{}\n\n{block}\n\n{}",
        hard_wrap(PROSE, 72, 3),
        hard_wrap(PROSE, 72, 3)
    );
    let out = reflow(&text).expect("hard-wrapped");
    assert_eq!(out.text, format!("   {PROSE}\n\n{block}\n\n   {PROSE}"));
}

#[test]
fn verse_lists_and_tables_stay() {
    let verse = "Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.";
    let list = "Conditions:\n  a) The work must carry prominent notices stating that you have\n     modified it, and giving a relevant date.\n  b) Another item that is\n     short.";
    let table = "Name        Value\n----------  -----\nalpha       1";
    let prose = hard_wrap(PROSE, 72, 0);
    let text = format!("{prose}\n\n{verse}\n\n{list}\n\n{table}\n\n{prose}\n\n{prose}");
    let out = reflow(&text).expect("hard-wrapped");
    let joined_list = "Conditions:\n  a) The work must carry prominent notices stating that you have \
                       modified it, and giving a relevant date.\n  b) Another item that is\n     short.";
    assert_eq!(
        out.text,
        format!("{PROSE}\n\n{verse}\n\n{joined_list}\n\n{table}\n\n{PROSE}\n\n{PROSE}")
    );
}

#[test]
fn text_with_long_lines_is_left_alone() {
    let text = format!("{PROSE}\n\n{PROSE}\n\nShort line.\nAnother short line.");
    assert_eq!(reflow(&text), None);
}

proptest! {
    /// Whatever the text, reflowing never drops or reorders a word, and
    /// never adds or removes a paragraph.
    #[test]
    fn reflowing_keeps_every_word_in_order(
        paragraphs in prop::collection::vec(
            (prop::collection::vec("[a-zA-Z0-9,.()*+|-]{1,12}", 1..60), 30usize..90, 0usize..6),
            1..8,
        ),
        noise in prop::collection::vec("[ -~\t]{0,30}", 0..4),
    ) {
        let mut parts: Vec<String> = paragraphs
            .iter()
            .map(|(w, width, indent)| hard_wrap(&w.join(" "), *width, *indent))
            .collect();
        parts.extend(noise);
        let text = parts.join("\n\n");
        if let Some(out) = reflow(&text) {
            prop_assert_eq!(words(&out.text), words(&text));
            let blanks = |t: &str| t.split('\n').filter(|l| l.trim().is_empty()).count();
            prop_assert_eq!(blanks(&out.text), blanks(&text));
            prop_assert_eq!(out.lines.len(), out.text.split('\n').count());
        }
    }
}
