//! Markdown (CommonMark with tables, strikethrough and task lists, via
//! pulldown-cmark) to a [`Parsed`] article.
//!
//! Raw HTML inside Markdown is dropped, except `<br>`: showing tags would be
//! noise, and interpreting them is the HTML parser's job.

use super::builder::{Builder, Script};
use super::table::Align;
use super::{LineIndex, Metadata, Parsed};
use crate::document::SpanStyle;
use crate::sanitize::sanitize_line;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parses a Markdown article. Never fails: any string is some Markdown.
pub fn parse(source: &str) -> Parsed {
    let (front, body_start) = front_matter(source);
    let body = source.get(body_start..).unwrap_or("");
    let lines = LineIndex::new(source);
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut builder = Builder::new();
    builder.slug_headings();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let line = lines.line(body_start + range.start);
        apply(&mut builder, event, line);
    }
    let mut parsed = builder.finish();
    if front.title.is_some() {
        parsed.title = front.title.clone();
    }
    parsed.metadata = front;
    parsed
}

fn apply(b: &mut Builder, event: Event<'_>, line: usize) {
    match event {
        Event::Start(tag) => start(b, tag, line),
        Event::End(tag) => end(b, tag),
        Event::Text(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
            b.offer_line(line);
            b.text(&text);
        }
        Event::Code(code) => {
            b.offer_line(line);
            b.open_style(SpanStyle::Code);
            b.text(&code);
            b.close_style(SpanStyle::Code);
        }
        Event::FootnoteReference(label) => b.text(&format!("[^{label}]")),
        Event::InlineHtml(html) if is_line_break(&html) => b.hard_break(),
        Event::InlineHtml(html) => match script_tag(&html) {
            Some((script, true)) => b.start_script(script),
            Some((_, false)) => b.end_script(),
            None => {}
        },
        Event::Html(html) => {
            if let Some(label) = summary_of(&html) {
                b.start_summary();
                b.words(&label);
                b.boundary();
            }
        }
        Event::SoftBreak => b.soft_break(),
        Event::HardBreak => b.hard_break(),
        Event::Rule => {
            b.set_line(line);
            b.rule();
        }
        Event::TaskListMarker(checked) => b.task(checked),
    }
}

fn start(b: &mut Builder, tag: Tag<'_>, line: usize) {
    if is_block(&tag) {
        b.set_line(line);
    }
    match tag {
        Tag::Paragraph
        | Tag::HtmlBlock
        | Tag::FootnoteDefinition(_)
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::MetadataBlock(_) => b.boundary(),
        Tag::Heading { level, .. } => b.start_heading(heading_level(level), true),
        Tag::BlockQuote(_) => b.start_quote(),
        Tag::CodeBlock(_) => b.start_code(),
        Tag::List(first) => b.start_list(first),
        Tag::Item => b.start_item(None),
        Tag::Table(aligns) => b.start_table(aligns.into_iter().map(align).collect()),
        Tag::TableHead => b.start_row(true),
        Tag::TableRow => b.start_row(false),
        Tag::TableCell => b.start_cell(false),
        Tag::Emphasis => b.open_style(SpanStyle::Emphasis),
        Tag::Strong => b.open_style(SpanStyle::Strong),
        Tag::Strikethrough => b.open_style(SpanStyle::Strikethrough),
        Tag::Superscript => b.start_script(Script::Super),
        Tag::Subscript => b.start_script(Script::Sub),
        Tag::Link { dest_url, .. } => b.open_link(&dest_url),
        Tag::Image { dest_url, .. } => b.start_image(&dest_url),
    }
}

fn end(b: &mut Builder, tag: TagEnd) {
    match tag {
        TagEnd::Paragraph
        | TagEnd::HtmlBlock
        | TagEnd::FootnoteDefinition
        | TagEnd::DefinitionList
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition
        | TagEnd::MetadataBlock(_) => b.boundary(),
        TagEnd::Heading(_) => b.end_heading(),
        TagEnd::BlockQuote(_) => b.end_quote(),
        TagEnd::CodeBlock => b.end_code(),
        TagEnd::List(_) => b.end_list(),
        TagEnd::Item => b.end_item(),
        TagEnd::Table => b.end_table(),
        TagEnd::TableHead | TagEnd::TableRow => b.end_row(),
        TagEnd::TableCell => b.end_cell(),
        TagEnd::Emphasis => b.close_style(SpanStyle::Emphasis),
        TagEnd::Strong => b.close_style(SpanStyle::Strong),
        TagEnd::Strikethrough => b.close_style(SpanStyle::Strikethrough),
        TagEnd::Superscript | TagEnd::Subscript => b.end_script(),
        TagEnd::Link => b.close_link(),
        TagEnd::Image => b.end_image(),
    }
}

/// Tags whose start is where a passage's source line is taken from.
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn align(alignment: Alignment) -> Align {
    match alignment {
        Alignment::None | Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '/')
        .collect();
    tag.eq_ignore_ascii_case("<br>")
}

/// The text of a `<summary>` in a block of raw HTML, tags left out:
/// READMEs fold long parts in `<details>`, whose label would be lost with
/// the rest of the raw HTML.
fn summary_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<summary")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = lower[start..]
        .find("</summary")
        .map_or(html.len(), |i| start + i);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.get(start..end)?.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The script an inline `<sup>`/`<sub>` tag opens (true) or closes.
fn script_tag(html: &str) -> Option<(Script, bool)> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (inner, opens) = match inner.strip_prefix('/') {
        Some(rest) => (rest, false),
        None => (inner, true),
    };
    let name = inner.split(|c: char| c.is_whitespace()).next()?;
    let script = if name.eq_ignore_ascii_case("sup") {
        Script::Super
    } else if name.eq_ignore_ascii_case("sub") {
        Script::Sub
    } else {
        return None;
    };
    Some((script, opens))
}

/// What a YAML front matter block at the very top says (title, author,
/// date, site, address), and the byte offset where the Markdown after it
/// starts (0 without front matter).
fn front_matter(source: &str) -> (Metadata, usize) {
    let Some(rest) = source.strip_prefix("---\n") else {
        return (Metadata::default(), 0);
    };
    let mut offset = 4;
    let mut meta = Metadata::default();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return (meta, offset);
        }
        let Some((key, value)) = content.split_once(':') else {
            continue;
        };
        // Indented keys belong to a nested map, not to the document.
        if key.starts_with(char::is_whitespace) {
            continue;
        }
        let field = match key.to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "author" | "authors" => &mut meta.author,
            "date" | "published" => &mut meta.published,
            "site" | "site_name" => &mut meta.site,
            "url" | "source" | "link" => &mut meta.url,
            "lang" | "language" => &mut meta.lang,
            _ => continue,
        };
        if let Some(value) = yaml_scalar(value) {
            *field = Some(value);
        }
    }
    // No closing fence: it was a thematic break, not front matter.
    (Metadata::default(), 0)
}

/// A one-line YAML scalar, unquoted. Block scalars (`|`, `>`) are not
/// supported and give no title.
fn yaml_scalar(value: &str) -> Option<String> {
    let value = value.trim();
    let unquoted = if value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')))
    {
        &value[1..value.len() - 1]
    } else {
        value.split(" #").next().unwrap_or(value).trim()
    };
    if unquoted.is_empty() || unquoted == "|" || unquoted == ">" {
        return None;
    }
    Some(sanitize_line(unquoted))
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
