//! `update()` driven by key presses on the bundled articles: what the user
//! sees change when they press each key, without a terminal.

#[path = "support/app.rs"]
mod support;

use quire::action::{Action, Effect};
use quire::app::{Focus, Overlay};
use quire::store::DocId;
use quire::update::update;
use support::{bundled_app, press, typed};

fn title(app: &quire::app::App) -> &str {
    &app.docs[app.selected_doc().unwrap()].title
}

#[test]
fn list_keys_move_the_selection_and_preview_follows() {
    let mut app = bundled_app(100, 30);
    assert_eq!(app.selected, 0);
    press(&mut app, &["j", "j"]);
    assert_eq!(app.selected, 2);
    assert_eq!(
        app.reader.doc,
        Some(DocId(2)),
        "the reading view previews the selection"
    );
    press(&mut app, &["k"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &["G"]);
    assert_eq!(app.selected, 4);
    press(&mut app, &["j"]);
    assert_eq!(app.selected, 4, "the selection stops at the end");
    press(&mut app, &["g"]);
    assert_eq!(app.selected, 0);
    press(&mut app, &["End", "Home", "Down"]);
    assert_eq!(app.selected, 1);
}

#[test]
fn enter_opens_and_back_keys_return_to_the_list() {
    for back in ["h", "Left", "Esc"] {
        let mut app = bundled_app(100, 30);
        press(&mut app, &["j", "Enter"]);
        assert_eq!(app.focus, Focus::Reader);
        assert_eq!(app.reader.doc, Some(DocId(1)));
        press(&mut app, &[back]);
        assert_eq!(app.focus, Focus::List, "{back}");
    }
    let mut app = bundled_app(100, 30);
    press(&mut app, &["l"]);
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, &["Tab"]);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &["Tab"]);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn reader_scrolls_by_line_half_page_and_page() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    let (_, height) = app.reader_size();
    press(&mut app, &["j", "j", "j"]);
    assert_eq!(app.reader.top, 3);
    press(&mut app, &["k"]);
    assert_eq!(app.reader.top, 2);
    press(&mut app, &["Ctrl-d"]);
    assert_eq!(app.reader.top, 2 + height / 2);
    press(&mut app, &["Ctrl-u"]);
    assert_eq!(app.reader.top, 2);
    press(&mut app, &["Space"]);
    assert_eq!(app.reader.top, 2 + height - 2);
    press(&mut app, &["b"]);
    assert_eq!(app.reader.top, 2);
    press(&mut app, &["PgDn", "PgUp"]);
    assert_eq!(app.reader.top, 2);
    press(&mut app, &["G"]);
    let lines = app.reader.layout.as_ref().unwrap().lines.len();
    assert_eq!(app.reader.top, lines - height);
    assert_eq!(app.reader.percent(height), 100);
    // The last line is the fold line over the article's furniture: the
    // cursor stops on it, not on a folded passage.
    let last = app.reader.layout.as_ref().unwrap().lines.last().unwrap();
    assert!(last.fold);
    assert_eq!(Some(app.reader.cursor), last.passage);
    press(&mut app, &["g"]);
    assert_eq!((app.reader.top, app.reader.cursor), (0, 0));
}

#[test]
fn passage_keys_move_the_cursor_and_keep_it_on_screen() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    let (_, height) = app.reader_size();
    for _ in 0..10 {
        press(&mut app, &["}"]);
    }
    assert_eq!(app.reader.cursor, 10);
    let layout = app.reader.layout.as_ref().unwrap();
    let start = layout.passage_start(10);
    assert!(start >= app.reader.top && start < app.reader.top + height);
    press(&mut app, &["{", "{"]);
    assert_eq!(app.reader.cursor, 8);
    // Scrolling far past the cursor drags it along.
    press(&mut app, &["g", "Space", "Space"]);
    let layout = app.reader.layout.as_ref().unwrap();
    assert!(layout.passage_end(app.reader.cursor) >= app.reader.top);
}

#[test]
fn brackets_step_through_documents_while_reading() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "]", "]"]);
    assert_eq!(app.reader.doc, Some(DocId(2)));
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, &["["]);
    assert_eq!(app.reader.doc, Some(DocId(1)));
    press(&mut app, &["[", "["]);
    assert_eq!(app.reader.doc, Some(DocId(0)));
    assert!(app.status.as_ref().unwrap().text.contains("first document"));
}

#[test]
fn reading_position_is_kept_per_document() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "}", "}", "Ctrl-d"]);
    let (top, cursor) = (app.reader.top, app.reader.cursor);
    press(&mut app, &["]", "j", "["]);
    assert_eq!((app.reader.top, app.reader.cursor), (top, cursor));
}

#[test]
fn filter_narrows_as_you_type_and_enter_opens_the_top_result() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    assert_eq!(app.focus, Focus::Filter);
    typed(&mut app, "alip");
    let titles: Vec<&str> = app
        .hits
        .iter()
        .map(|h| app.docs[h.doc].title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| t.to_lowercase().contains("alipay")));
    assert!(!app.hits[0].title_positions.is_empty());
    press(&mut app, &["Down"]);
    assert_eq!(app.selected, 1);
    press(&mut app, &["Up", "Enter"]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.doc, Some(app.hits[0].doc));
    assert!(title(&app).contains("Alipay"));
}

#[test]
fn letters_are_typed_not_obeyed_in_the_filter() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    assert!(!typed(&mut app, "qjk"));
    assert_eq!(app.filter.text, "qjk");
    press(&mut app, &["Backspace", "Backspace"]);
    assert_eq!(app.filter.text, "q");
}

#[test]
fn filter_line_editing() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat qq");
    press(&mut app, &["Ctrl-w"]);
    assert_eq!(app.filter.text, "wechat ");
    press(&mut app, &["Left", "Left"]);
    typed(&mut app, "X");
    assert_eq!(app.filter.text, "wechaXt ");
    press(&mut app, &["Right", "Right", "Right"]);
    assert_eq!(app.filter.cursor, app.filter.text.len());
}

#[test]
fn esc_clears_the_filter_and_keeps_the_chosen_document() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "alipay");
    press(&mut app, &["Down"]);
    let chosen = app.selected_doc();
    press(&mut app, &["Esc"]);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.filter.text, "");
    assert_eq!(app.hits.len(), 5);
    assert_eq!(app.selected_doc(), chosen);
}

#[test]
fn a_filter_with_no_match_empties_the_list_and_enter_explains() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "zzzzqqqq");
    assert!(app.hits.is_empty());
    assert_eq!(app.reader.doc, None);
    press(&mut app, &["Enter"]);
    assert_eq!(app.focus, Focus::Filter);
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn m_toggles_a_bookmark_on_the_cursor_passage() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "}"]);
    assert_eq!(
        update(&mut app, Action::ToggleBookmark),
        Some(Effect::SaveBookmarks)
    );
    assert_eq!(app.bookmarks.items.len(), 1);
    assert_eq!(
        app.bookmarks.items[0].anchor.exact,
        app.docs[DocId(0)].passage_text(2)
    );
    assert_eq!(app.bookmarked_passages(DocId(0)), vec![2]);
    assert!(app.has_bookmarks(DocId(0)));
    assert_eq!(app.status.as_ref().unwrap().text, "Bookmark saved");
    press(&mut app, &["m"]);
    assert_eq!(app.bookmarks.live_count(), 0);
    assert!(!app.has_bookmarks(DocId(0)));
}

#[test]
fn bookmarks_view_opens_deletes_and_undoes() {
    let mut app = bundled_app(100, 30);
    press(
        &mut app,
        &["Enter", "}", "}", "}", "m", "]", "}", "m", "Esc"],
    );
    press(&mut app, &["B"]);
    assert_eq!(
        app.overlay,
        Overlay::Bookmarks {
            selected: 0,
            query: String::new()
        }
    );
    assert_eq!(app.bookmark_rows().len(), 2);
    // Open the second row: document 1 ("Eight reasons..." sorts first by title).
    press(&mut app, &["j", "Enter"]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Focus::Reader);
    let opened = (app.reader.doc.unwrap().0, app.reader.cursor);
    assert!(opened == (0, 3) || opened == (1, 1), "{opened:?}");
    press(&mut app, &["B", "d"]);
    assert_eq!(app.bookmarks.live_count(), 1);
    assert_eq!(app.bookmark_rows().len(), 1);
    assert!(app.status.as_ref().unwrap().text.contains("u to undo"));
    press(&mut app, &["u"]);
    assert_eq!(app.bookmarks.live_count(), 2);
    press(&mut app, &["Esc"]);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn opening_a_bookmark_clears_a_filter_that_hides_its_document() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "m", "h", "/"]);
    typed(&mut app, "alipay");
    press(&mut app, &["Enter", "B", "Enter"]);
    assert_eq!(app.reader.doc, Some(DocId(0)));
    assert_eq!(app.reader.cursor, 1);
    assert_eq!(app.filter.text, "");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = bundled_app(100, 12);
    press(&mut app, &["?"]);
    assert_eq!(
        app.overlay,
        Overlay::Help {
            scroll: 0,
            query: String::new()
        }
    );
    press(&mut app, &["j", "j"]);
    assert_eq!(
        app.overlay,
        Overlay::Help {
            scroll: 2,
            query: String::new()
        }
    );
    press(&mut app, &["?"]);
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, &["Enter", "?", "Esc"]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        app.focus,
        Focus::Reader,
        "Esc closed the help, not the reader"
    );
}

#[test]
fn quit_keys() {
    let mut app = bundled_app(100, 30);
    assert_eq!(update(&mut app, Action::Quit), Some(Effect::Quit));
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    assert!(!typed(&mut app, "q"));
    assert!(press(&mut app, &["Ctrl-c"]));
}

#[test]
fn resizing_rewraps_without_losing_the_place() {
    let mut app = bundled_app(120, 30);
    press(&mut app, &["Enter"]);
    for _ in 0..8 {
        press(&mut app, &["}"]);
    }
    press(&mut app, &["Ctrl-d"]);
    let top_passage = |app: &quire::app::App| {
        let layout = app.reader.layout.as_ref().unwrap();
        layout.passage_at(app.reader.top)
    };
    let before = top_passage(&app);
    let cursor = app.reader.cursor;
    for (w, h) in [(70, 20), (45, 30), (200, 50), (120, 30)] {
        let _ = update(&mut app, Action::Resize(w, h));
        assert_eq!(top_passage(&app), before, "after resize to {w}x{h}");
        assert_eq!(app.reader.cursor, cursor);
    }
}

#[test]
fn status_messages_expire() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "m"]);
    assert!(app.status.is_some());
    for _ in 0..quire::app::MESSAGE_TICKS {
        let _ = update(&mut app, Action::Tick(support::FIXED_NOW));
    }
    assert!(app.status.is_none());
}

#[test]
fn failed_saves_are_reported() {
    let mut app = bundled_app(100, 30);
    let _ = update(
        &mut app,
        Action::BookmarksSaved(Err("could not save bookmarks to /x: denied".into())),
    );
    let status = app.status.unwrap();
    assert!(status.error && status.text.contains("could not save"));
}

#[test]
fn v_selects_a_range_and_m_bookmarks_it() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "v", "}", "}"]);
    assert_eq!(app.reader.selected_range(), Some((1, 3)));
    press(&mut app, &["m"]);
    assert_eq!(app.reader.selection, None);
    assert_eq!(app.bookmarks.live_count(), 1);
    let anchor = &app.bookmarks.items[0].anchor;
    assert_eq!((anchor.passage, anchor.passage_end), (1, 3));
    assert_eq!(app.bookmarked_passages(DocId(0)), vec![1, 2, 3]);
    assert!(app.status.as_ref().unwrap().text.contains("3 passages"));
    // m inside the range removes the whole range bookmark.
    press(&mut app, &["{", "m"]);
    assert_eq!(app.bookmarks.live_count(), 0);
}

#[test]
fn esc_cancels_a_range_before_leaving_the_reader() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "v", "}", "Esc"]);
    assert_eq!(app.reader.selection, None);
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, &["v", "v"]);
    assert_eq!(app.reader.selection, None, "v again cancels");
}

#[test]
fn a_adds_a_note_and_esc_leaves_it_unchanged() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "a"]);
    assert_eq!(app.mode(), quire::keymap::Mode::Input);
    assert_eq!(
        app.bookmarks.live_count(),
        0,
        "a on a plain passage bookmarks it when the note is kept"
    );
    typed(&mut app, "quote this in the essay");
    assert_eq!(
        update(&mut app, Action::Accept),
        Some(Effect::SaveBookmarks)
    );
    assert_eq!(app.bookmarks.items[0].note, "quote this in the essay");
    press(&mut app, &["a"]);
    assert_eq!(
        app.input.as_ref().unwrap().line.text,
        "quote this in the essay",
        "the note is edited, not retyped"
    );
    typed(&mut app, " later");
    press(&mut app, &["Esc"]);
    assert_eq!(app.bookmarks.items[0].note, "quote this in the essay");
    assert_eq!(app.input, None);
}

#[test]
fn notes_are_edited_from_the_bookmarks_view_too() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "m", "B", "a"]);
    typed(&mut app, "from the list");
    press(&mut app, &["Enter"]);
    assert_eq!(app.bookmarks.items[0].note, "from the list");
    assert!(
        matches!(app.overlay, Overlay::Bookmarks { .. }),
        "back in the bookmarks view"
    );
}

#[test]
fn the_bookmarks_view_filters_by_title_quote_and_note() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "m", "a"]);
    typed(&mut app, "participation note");
    press(&mut app, &["Enter", "]", "]", "]", "m", "B"]);
    assert_eq!(app.bookmark_rows().len(), 2);
    press(&mut app, &["/"]);
    typed(&mut app, "alipay");
    assert_eq!(app.bookmark_rows().len(), 1);
    press(&mut app, &["Enter"]);
    assert_eq!(app.input, None);
    assert_eq!(app.bookmark_rows().len(), 1, "the filter stays after Enter");
    press(&mut app, &["/", "Ctrl-w"]);
    typed(&mut app, "PARTICIPATION NOTE");
    assert_eq!(app.bookmark_rows().len(), 1);
    press(&mut app, &["Esc"]);
    assert_eq!(app.bookmark_rows().len(), 2, "Esc clears the filter");
}

#[test]
fn jumping_to_a_bookmark_highlights_it_until_the_next_key() {
    let mut app = bundled_app(100, 30);
    press(
        &mut app,
        &["Enter", "}", "}", "v", "}", "m", "g", "B", "Enter"],
    );
    assert_eq!(app.reader.flash, Some((2, 3)));
    assert_eq!(app.reader.cursor, 2);
    press(&mut app, &["j"]);
    assert_eq!(app.reader.flash, None);
}

#[test]
fn ticks_set_the_clock_used_for_new_bookmarks() {
    let mut app = bundled_app(100, 30);
    let _ = update(&mut app, Action::Tick(1_000_000));
    press(&mut app, &["Enter", "m"]);
    assert_eq!(app.bookmarks.items[0].created, 1_000_000);
}

#[test]
fn results_for_an_older_query_never_replace_newer_ones() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "alipay");
    let generation = app.search_generation;
    let current = app.hits.clone();
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation: generation - 1,
            hits: vec![],
            described: 0,
        },
    );
    assert_eq!(app.hits, current, "a stale result was shown");
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation,
            hits: vec![],
            described: 0,
        },
    );
    assert!(app.hits.is_empty());
}

#[test]
fn the_same_query_answered_again_keeps_the_selected_document() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    let generation = app.search_generation;
    assert!(app.hits.len() >= 3, "{}", app.hits.len());
    press(&mut app, &["Down"]);
    let chosen = app.hits[1].doc;
    // More documents were read: the query is answered again, reordered.
    let mut again = app.hits.clone();
    again.rotate_left(2);
    let described = again.len();
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation,
            hits: again.clone(),
            described,
        },
    );
    assert_eq!(app.hits[app.selected].doc, chosen, "the selection moved");
    assert_eq!(app.reader.doc, Some(chosen), "the preview moved");
    // A new query (answered at once here) starts at its best result.
    typed(&mut app, " ");
    assert!(app.search_generation > generation);
    assert_eq!(app.selected, 0);
}

#[test]
fn results_arriving_while_reading_keep_the_document_being_read() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    assert!(app.hits.len() >= 3, "{}", app.hits.len());
    let generation = app.search_generation;
    // Enter reads the best result, without moving the selection.
    press(&mut app, &["Enter"]);
    assert_eq!(app.focus, Focus::Reader);
    let reading = app.reader.doc.unwrap();
    press(&mut app, &["j", "j"]);
    let cursor = app.reader.cursor;
    // More files were read and another document now ranks first: the list
    // is reordered, the document on screen stays, at the same place.
    let mut again = app.hits.clone();
    // (The last one left out, for a link to follow below.)
    let elsewhere = again.pop().map(|h| h.doc).unwrap();
    again.rotate_left(1);
    assert_ne!(again[0].doc, reading);
    let described = again.len();
    let answer = |hits| Action::SearchResults {
        generation,
        hits,
        described,
    };
    let _ = update(&mut app, answer(again.clone()));
    assert_eq!(
        app.reader.doc,
        Some(reading),
        "the document changed under the reader"
    );
    assert_eq!(app.reader.cursor, cursor);
    assert_eq!(app.selected_doc(), Some(reading), "the row is the one read");
    // A link followed to a document the filter does not list: it stays
    // too, whatever the list's first row is.
    app.show_document(elsewhere);
    let _ = update(&mut app, answer(again));
    assert_eq!(app.reader.doc, Some(elsewhere));
}

#[test]
fn a_move_made_before_the_results_of_a_new_query_come_is_kept() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    let hits = app.hits.clone();
    let described = hits.len();
    // One more letter: its search is queued, not yet answered (update()
    // leaves the effect to the event loop), and Down is pressed meanwhile.
    let _ = update(&mut app, Action::Insert('s'));
    let _ = update(&mut app, Action::MoveDown);
    let generation = app.search_generation;
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation,
            hits: hits.clone(),
            described,
        },
    );
    assert_eq!(app.selected, 1, "the second result of the new query");
    // Without a move, a new query's results start at the top.
    let _ = update(&mut app, Action::DeleteBack);
    let generation = app.search_generation;
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation,
            hits,
            described,
        },
    );
    assert_eq!(app.selected, 0);
}

#[test]
fn typing_queues_a_search_with_a_new_generation() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    let before = app.search_generation;
    let effects = update(&mut app, Action::Insert('w'));
    assert_eq!(app.search_generation, before + 1);
    assert!(app.searching);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Search { query, .. }] if **query == quire::search::Query::parse("w")
    ));
}

#[test]
fn the_reader_highlights_the_query_that_ranked_the_list() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    let listed = app.hits.clone();
    assert!(!listed.is_empty());
    // One more letter: its search is queued, not answered yet, so the
    // list still shows the results for "wechat".
    let _ = update(&mut app, Action::Insert('x'));
    assert!(app.searching);
    assert_eq!(app.hits, listed);
    // Moving through those results previews them with "wechat" marked,
    // not with the matches of a query that has not ranked anything yet.
    let _ = update(&mut app, Action::MoveDown);
    let doc = app.selected_doc().unwrap();
    assert_eq!(app.reader.doc, Some(doc));
    let marked: Vec<String> = app
        .reader
        .matches
        .iter()
        .map(|r| app.docs[doc].text[r.clone()].to_lowercase())
        .collect();
    assert!(!marked.is_empty(), "no highlights for the listed results");
    assert!(marked.iter().all(|m| m == "wechat"), "{marked:?}");
    // Its results, once they come, bring its highlights with them.
    let hits = quire::search::search(&app.docs, "wechatx");
    let generation = app.search_generation;
    let _ = update(
        &mut app,
        Action::SearchResults {
            generation,
            hits,
            described: 0,
        },
    );
    assert_eq!(*app.query, quire::search::Query::parse("wechatx"));
}

#[test]
fn the_preview_opens_at_the_best_match_with_matches_highlighted() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "\"red envelope\"");
    assert_eq!(app.hits.len(), 2);
    let doc = app.reader.doc.unwrap();
    assert_eq!(doc, app.hits[0].doc);
    assert!(!app.reader.matches.is_empty());
    let current = app.reader.current.expect("a current match");
    let m = app.reader.matches[current].clone();
    assert!(
        app.docs[doc].text[m]
            .to_lowercase()
            .starts_with("red envelope")
    );
    // The match is on screen.
    let layout = app.reader.layout.as_ref().unwrap();
    let line = layout.line_at_byte(app.reader.matches[current].start);
    let (_, height) = app.reader_size();
    assert!(line >= app.reader.top && line < app.reader.top + height);
    press(&mut app, &["Enter"]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(
        app.reader.current,
        Some(current),
        "Enter opens the preview as it is"
    );
}

#[test]
fn n_and_shift_n_step_through_matches_and_wrap() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "alipay");
    press(&mut app, &["Enter"]);
    let count = app.reader.matches.len();
    assert!(count > 2, "{count}");
    let start = app.reader.current.unwrap();
    press(&mut app, &["n"]);
    assert_eq!(app.reader.current, Some((start + 1) % count));
    press(&mut app, &["N", "N"]);
    assert_eq!(app.reader.current, Some((start + count - 1) % count));
    assert!(app.status.as_ref().unwrap().text.starts_with("Match "));
}

#[test]
fn slash_in_the_reader_finds_a_phrase_that_wraps_across_lines() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    // A phrase whose words sit on two screen lines.
    let layout = app.reader.layout.clone().unwrap();
    let doc = &app.docs[DocId(0)];
    let line = layout
        .lines
        .iter()
        .position(|l| l.passage.is_some() && layout.lines.get(1).is_some())
        .unwrap();
    let (a, b) = (&layout.lines[line], &layout.lines[line + 1]);
    let last_word = doc.text[a.range.clone()]
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    let first_word = doc.text[b.range.clone()]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let phrase = format!("{last_word} {first_word}");
    press(&mut app, &["/"]);
    typed(&mut app, &phrase);
    let hit = app
        .reader
        .matches
        .iter()
        .find(|m| m.start >= a.range.start && m.end > b.range.start)
        .cloned()
        .unwrap_or_else(|| panic!("{phrase:?} was not found across the wrap"));
    assert_eq!(layout.line_at_byte(hit.start), line);
    assert_eq!(layout.line_at_byte(hit.end - 1), line + 1);
    press(&mut app, &["Enter"]);
    assert!(app.status.as_ref().unwrap().text.contains("match"));
    assert_eq!(app.mode(), quire::keymap::Mode::Reader);
    press(&mut app, &["/"]);
    typed(&mut app, "zzzqqq");
    assert!(app.reader.matches.is_empty());
    press(&mut app, &["Esc"]);
    assert!(
        app.reader.matches.is_empty(),
        "Esc clears the document search"
    );
}

#[test]
fn documents_arrive_in_batches_while_the_list_works() {
    let mut docs = quire::corpus::bundled();
    let rest = docs.split_off(2);
    let mut app = quire::app::App::new(Vec::new(), Vec::new(), Default::default());
    app.loading = true;
    let _ = update(&mut app, Action::Resize(100, 30));
    let _ = update(&mut app, Action::DocumentsLoaded(docs, Vec::new()));
    assert_eq!(app.hits.len(), 2);
    assert_eq!(
        app.reader.doc,
        Some(DocId(0)),
        "the first document is previewed at once"
    );
    press(&mut app, &["j"]);
    let _ = update(&mut app, Action::DocumentsLoaded(rest, Vec::new()));
    assert_eq!(app.hits.len(), 5);
    assert_eq!(
        app.selected, 1,
        "the selection stays put as documents arrive"
    );
    let _ = update(&mut app, Action::LoadFinished);
    assert!(!app.loading);
}

fn app_for(paths: &[&std::path::Path]) -> quire::app::App {
    let inputs: Vec<_> = paths
        .iter()
        .map(|p| quire::corpus::Input::Path(p.to_path_buf()))
        .collect();
    let corpus = quire::corpus::load(&inputs, &mut std::io::empty());
    let mut app = quire::app::App::new(corpus.documents, corpus.problems, Default::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    app
}

#[test]
fn the_outline_lists_headings_filters_and_jumps() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markup/article.md");
    let mut app = app_for(&[&fixture]);
    press(&mut app, &["Enter", "o"]);
    assert!(matches!(app.overlay, Overlay::Outline { .. }));
    let rows = app.outline_rows();
    let labels: Vec<&str> = rows.iter().map(|(_, _, l)| l.as_str()).collect();
    assert!(labels.contains(&"What it handles"), "{labels:?}");
    assert!(rows.iter().all(|(p, _, _)| matches!(
        app.docs[DocId(0)].passages[*p].block,
        quire::document::Block::Heading(_)
    )));
    press(&mut app, &["/"]);
    typed(&mut app, "handles");
    press(&mut app, &["Enter"]);
    assert_eq!(app.outline_rows().len(), 1);
    let target = app.outline_rows()[0].0;
    press(&mut app, &["Enter"]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.reader.cursor, target);
}

#[test]
fn plain_text_outlines_list_passages() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "o"]);
    assert_eq!(app.outline_rows().len(), app.docs[DocId(0)].passages.len());
    press(&mut app, &["j", "j", "Enter"]);
    assert_eq!(app.reader.cursor, 2);
}

#[test]
fn r_reads_the_file_again_and_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("essay.txt");
    std::fs::write(&file, "Essay\n\nOne.\n\nTwo.\n\nThree is here.\n\nFour.\n").unwrap();
    let mut app = app_for(&[&file]);
    press(&mut app, &["Enter", "}", "}"]);
    assert_eq!(
        app.docs[DocId(0)].passage_text(app.reader.cursor),
        "Three is here."
    );
    std::fs::write(
        &file,
        "Essay\n\nZero.\n\nOne.\n\nTwo.\n\nThree is here.\n\nFour.\n",
    )
    .unwrap();
    press(&mut app, &["R"]);
    assert_eq!(app.docs[DocId(0)].passages.len(), 5);
    assert_eq!(
        app.docs[DocId(0)].passage_text(app.reader.cursor),
        "Three is here."
    );
    assert!(app.status.as_ref().unwrap().text.contains("changed"));
    std::fs::remove_file(&file).unwrap();
    press(&mut app, &["R"]);
    let status = app.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("no such file"),
        "{}",
        status.text
    );
    assert_eq!(
        app.docs[DocId(0)].passages.len(),
        5,
        "the text stays as it was"
    );
}

#[test]
fn angle_brackets_resize_the_list_and_z_toggles_focus_mode() {
    let mut app = bundled_app(100, 30);
    let width = |app: &quire::app::App| app.panes().unwrap().list.map_or(0, |l| l.width);
    let before = width(&app);
    assert_eq!(
        update(&mut app, Action::WidenList),
        Some(Effect::SaveLayout)
    );
    assert!(width(&app) > before);
    press(&mut app, &["<", "<"]);
    assert!(width(&app) < before);
    press(&mut app, &["Enter", "z"]);
    assert!(
        app.panes().unwrap().list.is_none(),
        "focus mode shows the reader alone"
    );
    assert_eq!(
        app.reader_size().0,
        80,
        "the reader keeps the comfortable measure"
    );
    press(&mut app, &["z"]);
    assert!(app.panes().unwrap().list.is_some());
}

#[test]
fn the_mouse_scrolls_selects_and_drags_the_divider() {
    use quire::action::MouseKind;
    let mut app = bundled_app(100, 30);
    let panes = app.panes().unwrap();
    let (list, reader) = (panes.list.unwrap(), panes.reader.unwrap());
    let _ = update(
        &mut app,
        Action::Mouse {
            kind: MouseKind::ScrollDown,
            column: reader.x + 10,
            row: reader.y + 5,
        },
    );
    assert_eq!(
        app.reader.top, 3,
        "the wheel scrolls the pane under the pointer"
    );
    let _ = update(
        &mut app,
        Action::Mouse {
            kind: MouseKind::Press,
            column: list.x + 3,
            row: list.y + 3,
        },
    );
    assert_eq!(app.selected, 2);
    assert_eq!(app.focus, Focus::List);
    let _ = update(
        &mut app,
        Action::Mouse {
            kind: MouseKind::Press,
            column: reader.x + 10,
            row: reader.y + 2,
        },
    );
    assert_eq!(app.focus, Focus::Reader);
    // Drag the divider (the list's right border) to the middle.
    let _ = update(
        &mut app,
        Action::Mouse {
            kind: MouseKind::Press,
            column: list.right() - 1,
            row: 5,
        },
    );
    let _ = update(
        &mut app,
        Action::Mouse {
            kind: MouseKind::Drag,
            column: 49,
            row: 5,
        },
    );
    assert_eq!(
        update(
            &mut app,
            Action::Mouse {
                kind: MouseKind::Release,
                column: 49,
                row: 5
            }
        ),
        Some(Effect::SaveLayout)
    );
    assert_eq!(app.panes().unwrap().list.unwrap().width, 50);
    assert_eq!(
        update(&mut app, Action::ToggleMouse),
        Some(Effect::SetMouse(false))
    );
    assert!(app.status.as_ref().unwrap().text.contains("Mouse off"));
}

#[test]
fn the_layout_is_kept_between_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("layout.json");
    let split = quire::layout::Split {
        list_percent: 50,
        focus: true,
        sort: quire::sort::SortOrder::Words,
    };
    quire::layout::save_split(&path, &split).unwrap();
    assert_eq!(quire::layout::load_split(&path), split);
    std::fs::write(&path, "garbage").unwrap();
    assert_eq!(
        quire::layout::load_split(&path),
        quire::layout::Split::default()
    );
}

#[test]
fn bookmarks_are_found_in_documents_that_arrive_later() {
    let all = quire::corpus::bundled();
    let mut bookmarks = quire::bookmarks::Bookmarks::default();
    bookmarks.push(
        quire::bookmarks::Bookmark::new(&all[4], 0, 0, std::time::SystemTime::now()).unwrap(),
    );
    let mut app = quire::app::App::new(Vec::new(), Vec::new(), bookmarks);
    let _ = update(&mut app, Action::Resize(100, 30));
    let mut docs = all.clone();
    let rest = docs.split_off(3);
    let _ = update(&mut app, Action::DocumentsLoaded(docs, Vec::new()));
    assert!(!app.has_bookmarks(DocId(3)) && app.resolved.iter().all(|r| r.is_none()));
    let _ = update(&mut app, Action::DocumentsLoaded(rest, Vec::new()));
    assert!(
        app.has_bookmarks(DocId(4)),
        "the bookmark's document arrived in the second batch"
    );
    assert_eq!(app.bookmarked_passages(DocId(4)), vec![0]);
}
