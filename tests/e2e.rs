//! End to end: the real `quire` binary in a real terminal (tmux), driven by
//! key presses the way a user drives it, checked by what the screen shows
//! and what lands on disk. Each test has its own tmux server and its own
//! config dir (`QUIRE_CONFIG_DIR`), so tests run in parallel and never touch
//! a real user's bookmarks.

#[path = "support/tmux.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use support::{QUIRE, Tmux, columns, framed, rows, status_bar};

/// Width of the document list at 100 columns (35% of the window).
const LIST_WIDTH: usize = 35;

/// The bundled titles, as `quire list` prints them.
fn bundled_titles() -> Vec<String> {
    let output = Command::new(QUIRE)
        .arg("list")
        .output()
        .expect("run quire list");
    assert!(output.status.success(), "quire list failed: {output:?}");
    let titles: Vec<String> = String::from_utf8(output.stdout)
        .expect("quire list prints UTF-8")
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(titles.len(), 5, "five bundled articles: {titles:?}");
    titles
}

/// The first `n` characters of `text`.
fn prefix(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

/// The start of a title as the 100-column list shows it (titles are cut
/// to the pane with an ellipsis).
fn list_prefix(title: &str) -> String {
    prefix(title, 18)
}

/// The rows of the document list at 100 columns, without borders, blank
/// rows dropped.
/// The document rows of the list (while filtering, a second line under
/// each, indented further, shows the matching passage).
fn list_rows(screen: &str) -> Vec<String> {
    let all = rows(screen);
    let body = &all[1..all.len().saturating_sub(3)];
    body.iter()
        .map(|row| columns(row, 1, LIST_WIDTH - 1))
        .filter(|row| !row.trim().is_empty() && !row.starts_with("   "))
        .map(|row| row.trim().to_string())
        .collect()
}

/// The text on the first screen row of the passage under the cursor (the
/// reading view marks it with `▌` in the gutter).
fn cursor_line(screen: &str) -> Option<String> {
    screen.lines().find_map(|row| {
        let (_, after) = row.split_once('▌')?;
        Some(after.trim_end_matches('│').trim().to_string())
    })
}

/// Whitespace-normalised text, to compare wrapped screen text with a quote.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Waits for the first whole frame: the list, and the status bar (drawn
/// last) filled in.
/// Waits until the five bundled articles are loaded (files are read in the
/// background, so the first frame may show the list still loading).
fn wait_for_list(quire: &Tmux) -> String {
    quire.wait_for("the document list", |s| {
        s.contains(" Articles ")
            && !status_bar(s).trim().is_empty()
            && !s.contains("loading")
            && s.contains(" min")
    })
}

fn reading_view_focused(screen: &str) -> bool {
    let bar = status_bar(screen);
    // Reader-only hints that fit even at 50 columns beside `? help` and
    // `q quit`, which are always shown.
    bar.contains("j scroll") && bar.contains("} passage")
}

/// The bookmarks saved in `dir`, as JSON.
fn saved_bookmarks(dir: &Path) -> Vec<serde_json::Value> {
    let path = dir.join("bookmarks.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
    json["bookmarks"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no bookmarks array in {text}"))
}

/// Opens the first article, moves the passage cursor with `}` and
/// bookmarks that passage with `m`. Returns the saved quote.
fn bookmark_second_passage(quire: &Tmux) -> String {
    wait_for_list(quire);
    quire.keys(&["Enter"]);
    let before = quire.wait_for("the reading view to take focus", reading_view_focused);
    let first =
        cursor_line(&before).unwrap_or_else(|| panic!("no passage cursor:\n{}", framed(&before)));
    quire.keys(&["}"]);
    let after = quire.wait_for("`}` to move the passage cursor", |s| {
        cursor_line(s).is_some_and(|l| l != first)
    });
    let line = cursor_line(&after).unwrap_or_default();
    quire.keys(&["m"]);
    let saved = quire.wait_for("\"Bookmark saved\" in the status bar", |s| {
        status_bar(s).contains("Bookmark saved")
    });
    assert!(
        saved.lines().any(|row| row.contains("★▌")),
        "the bookmarked passage has no ★ in the gutter:\n{}",
        framed(&saved)
    );
    // Saved in the background: the file follows the screen shortly.
    let bookmarks = support::poll(|| {
        let path = quire.config_dir().join("bookmarks.json");
        path.is_file()
            .then(|| saved_bookmarks(quire.config_dir()))
            .filter(|b| !b.is_empty())
    })
    .unwrap_or_else(|| panic!("no bookmark written to {}", quire.config_dir().display()));
    assert_eq!(bookmarks.len(), 1, "{bookmarks:?}");
    let quote = bookmarks[0]["anchor"]["exact"]
        .as_str()
        .expect("a quote")
        .to_string();
    assert!(
        words(&quote).starts_with(&words(&line)),
        "the saved quote {quote:?} is not the passage under the cursor, which starts {line:?}"
    );
    quote
}

#[test]
fn list_shows_every_bundled_title() {
    if !support::tmux_available("list_shows_every_bundled_title") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    let screen = wait_for_list(&quire);
    let listed = list_rows(&screen);
    let titles = bundled_titles();
    assert_eq!(
        listed.len(),
        titles.len(),
        "one row per article:\n{}",
        framed(&screen)
    );
    for (row, title) in listed.iter().zip(&titles) {
        assert!(
            row.starts_with(&list_prefix(title)),
            "row {row:?} should show {title:?}:\n{}",
            framed(&screen)
        );
        assert!(row.ends_with("min"), "row {row:?} has no reading time");
    }
    let bottom = screen
        .lines()
        .find(|row| row.starts_with('└'))
        .unwrap_or_default();
    assert!(
        columns(bottom, 0, LIST_WIDTH).contains(" 5 "),
        "the list counts 5 articles:\n{}",
        framed(&screen)
    );
}

#[test]
fn filter_narrows_the_list_to_matching_titles() {
    if !support::tmux_available("filter_narrows_the_list_to_matching_titles") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    quire.keys(&["/"]);
    quire.wait_for("the filter line to take focus", |s| {
        status_bar(s).contains("Esc clear")
    });
    quire.type_text("alipay");
    let screen = quire.wait_for("the count 2/5", |s| {
        s.contains("/ alipay") && s.contains(" 2/5 ")
    });
    let listed = list_rows(&screen);
    let alipay: Vec<String> = bundled_titles()
        .into_iter()
        .filter(|t| t.to_lowercase().contains("alipay"))
        .collect();
    assert_eq!(alipay.len(), 2);
    assert_eq!(
        listed.len(),
        2,
        "exactly the two Alipay articles:\n{}",
        framed(&screen)
    );
    for title in &alipay {
        assert!(
            listed
                .iter()
                .any(|row| row.starts_with(&list_prefix(title))),
            "{title:?} missing:\n{}",
            framed(&screen)
        );
    }
}

#[test]
fn enter_opens_the_selected_article_in_the_reading_view() {
    if !support::tmux_available("enter_opens_the_selected_article_in_the_reading_view") {
        return;
    }

    let title = &bundled_titles()[1];
    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    quire.keys(&["j"]);
    quire.wait_for("the second article in the preview", |s| {
        rows(s)[0].contains(title.as_str())
    });
    quire.keys(&["Enter"]);
    let screen = quire.wait_for("the reading view to take focus", reading_view_focused);
    assert!(
        rows(&screen)[0].contains(title.as_str()),
        "title in the reader header:\n{}",
        framed(&screen)
    );
    let reader: String = screen
        .lines()
        .map(|row| columns(row, LIST_WIDTH, 100) + "\n")
        .collect();
    assert!(
        reader.contains("Alibaba is an e-commerce company"),
        "the article's text:\n{}",
        framed(&screen)
    );
    assert_eq!(
        screen.matches(title.as_str()).count(),
        1,
        "the repeated title is shown once:\n{}",
        framed(&screen)
    );
    assert!(
        cursor_line(&screen).is_some(),
        "a passage cursor:\n{}",
        framed(&screen)
    );
}

#[test]
fn bookmark_is_written_to_the_config_dir() {
    if !support::tmux_available("bookmark_is_written_to_the_config_dir") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    let quote = bookmark_second_passage(&quire);
    assert!(
        quote.starts_with("Acquaintances are more likely"),
        "{quote:?}"
    );
    let names = || -> Vec<String> {
        std::fs::read_dir(quire.config_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert!(names().contains(&"bookmarks.json".to_string()));
    // The lock sidecar and the last-good backup may stay; temp files may
    // not (one may show while the reading position is being saved).
    let kept = [
        "bookmarks.json",
        "bookmarks.json.lock",
        "bookmarks.json.bak",
        "positions.json",
        "positions.json.lock",
        "positions.json.bak",
        "layout.json",
    ];
    let only_kept = support::poll(|| {
        let names = names();
        names
            .iter()
            .all(|n| kept.contains(&n.as_str()))
            .then_some(())
    });
    assert!(
        only_kept.is_some(),
        "unexpected files left in the config dir: {:?}",
        names()
    );
}

#[test]
fn q_quits_and_restores_the_terminal() {
    if !support::tmux_available("q_quits_and_restores_the_terminal") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    assert_eq!(
        quire.format("#{alternate_on}"),
        "1",
        "quire draws on the alternate screen"
    );
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0, "exit status");
    assert_eq!(
        quire.format("#{alternate_on}"),
        "0",
        "alternate screen left:\n{}",
        framed(&quire.screen())
    );
}

#[test]
fn bookmark_is_in_the_bookmarks_view_after_a_restart() {
    if !support::tmux_available("bookmark_is_in_the_bookmarks_view_after_a_restart") {
        return;
    }

    let config = tempfile::tempdir().unwrap();
    let title = bundled_titles()[0].clone();
    let quote = {
        let first = Tmux::quire_with_config(100, 30, &[], Some(config.path()));
        let quote = bookmark_second_passage(&first);
        first.keys(&["q"]);
        assert_eq!(first.wait_for_exit(), 0);
        quote
    };

    let second = Tmux::quire_with_config(100, 30, &[], Some(config.path()));
    let screen = wait_for_list(&second);
    assert!(
        list_rows(&screen)[0].contains('★'),
        "the list marks the article:\n{}",
        framed(&screen)
    );
    second.keys(&["B"]);
    let screen = second.wait_for("the bookmarks view", |s| {
        s.contains(" Bookmarks (1) ") && status_bar(s).contains("d delete")
    });
    let quote_start = prefix(&quote, 20);
    // Each bookmark takes two rows: the title, then the quote under it.
    let screen_rows: Vec<&str> = screen.lines().collect();
    let at = screen_rows
        .iter()
        .position(|row| row.contains('★') && row.contains(&list_prefix(&title)));
    let at = at.unwrap_or_else(|| panic!("no bookmark row for {title:?}:\n{}", framed(&screen)));
    assert!(
        screen_rows[at + 1].contains(&quote_start),
        "the row shows the quote {quote_start:?}:\n{}",
        framed(&screen)
    );

    second.keys(&["Enter"]);
    let screen = second.wait_for("the reading view at the bookmark", |s| {
        !s.contains(" Bookmarks (") && reading_view_focused(s)
    });
    assert!(
        rows(&screen)[0].contains(&prefix(&title, 40)),
        "the article is open:\n{}",
        framed(&screen)
    );
    let line = cursor_line(&screen).unwrap_or_default();
    assert!(
        !line.is_empty() && words(&quote).starts_with(&words(&line)),
        "cursor on the bookmarked passage:\n{}",
        framed(&screen)
    );
    assert!(
        screen.lines().any(|row| row.contains("★▌")),
        "the passage carries its mark:\n{}",
        framed(&screen)
    );
}

#[test]
fn help_lists_the_keys_and_esc_closes_it() {
    if !support::tmux_available("help_lists_the_keys_and_esc_closes_it") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    quire.keys(&["?"]);
    // The overlay's bottom border is drawn after the rows above it.
    let screen = quire.wait_for("the help overlay", |s| {
        s.contains(" Keys ") && s.contains(" close ┘")
    });
    for description in [
        "Select the next document",
        "Filter the list by typing",
        "Show all bookmarks",
    ] {
        assert!(
            screen.contains(description),
            "help lists {description:?}:\n{}",
            framed(&screen)
        );
    }
    // The reading view's keys are further down: page to them.
    quire.keys(&["Space"]);
    quire.wait_for_text("Bookmark the passage");
    quire.keys(&["Escape"]);
    quire.wait_for("the help to close and the list to have focus", |s| {
        !s.contains(" Keys ") && status_bar(s).contains("/ filter")
    });
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    if !support::tmux_available("narrow_terminal_shows_one_pane_at_a_time") {
        return;
    }

    let title = &bundled_titles()[0];
    let quire = Tmux::quire(50, 20, &[]);
    let screen = wait_for_list(&quire);
    let top = rows(&screen)[0];
    assert_eq!(
        top.matches('┌').count(),
        1,
        "only the list:\n{}",
        framed(&screen)
    );
    quire.keys(&["Enter"]);
    let screen = quire.wait_for("the reading view alone", |s| {
        reading_view_focused(s) && !s.contains(" Articles ")
    });
    let top = rows(&screen)[0];
    assert_eq!(
        top.matches('┌').count(),
        1,
        "only the reading view:\n{}",
        framed(&screen)
    );
    assert!(
        top.contains(&prefix(title, 20)),
        "the article's title:\n{}",
        framed(&screen)
    );
    quire.keys(&["h"]);
    quire.wait_for("the list again", |s| rows(s)[0].starts_with("┌ Articles "));
}

#[test]
fn tiny_terminal_shows_a_notice_instead_of_panes() {
    if !support::tmux_available("tiny_terminal_shows_a_notice_instead_of_panes") {
        return;
    }

    let quire = Tmux::quire(15, 4, &[]);
    let screen = quire.wait_for_text("Window too");
    assert!(
        !screen.contains('┌') && !screen.contains("Articles"),
        "no panes:\n{}",
        framed(&screen)
    );
    quire.resize(100, 30);
    wait_for_list(&quire);
}

#[test]
fn ctrl_c_quits_from_the_filter_line() {
    if !support::tmux_available("ctrl_c_quits_from_the_filter_line") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    quire.keys(&["/"]);
    quire.wait_for("the filter line to take focus", |s| {
        status_bar(s).contains("Esc clear")
    });
    // `q` is typed into the filter, not taken as quit.
    quire.type_text("qq");
    quire.wait_for_text("/ qq");
    assert_eq!(quire.format("#{pane_dead}"), "0", "still running");
    quire.keys(&["C-c"]);
    assert_eq!(quire.wait_for_exit(), 0, "exit status");
    assert_eq!(
        quire.format("#{alternate_on}"),
        "0",
        "alternate screen left:\n{}",
        framed(&quire.screen())
    );
}

#[test]
fn sigterm_restores_the_terminal_and_the_shell_works() {
    if !support::tmux_available("sigterm_restores_the_terminal_and_the_shell_works") {
        return;
    }

    let shell = Tmux::shell(100, 30);
    let pid_file = shell.scratch().join("quire.pid");
    // The inner shell writes its pid, then becomes quire.
    shell.type_text(&format!(
        "sh -c 'echo $$ >\"$1\"; exec \"$QUIRE\"' sh '{}'",
        pid_file.display()
    ));
    shell.keys(&["Enter"]);
    wait_for_list(&shell);
    shell.wait_for_format("#{alternate_on}", "1");
    let pid = std::fs::read_to_string(&pid_file)
        .expect("quire's pid")
        .trim()
        .to_string();

    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -TERM {pid}");
    shell.wait_for_format("#{alternate_on}", "0");
    shell.wait_for("the shell prompt after quire", |s| {
        s.matches(support::PROMPT).count() >= 2
    });
    assert_eq!(shell.format("#{cursor_flag}"), "1", "cursor visible again");

    // A terminal left in raw mode would not run this line (no newline
    // translation) or would show -icanon/-echo.
    shell.type_text("stty -a; echo done-$((6*7))");
    shell.keys(&["Enter"]);
    let screen = shell.wait_for_text("done-42");
    assert!(
        screen.contains(" icanon") && !screen.contains("-icanon"),
        "canonical mode back:\n{}",
        framed(&screen)
    );
    assert!(
        screen.contains(" echo ") && !screen.contains("-echo "),
        "echo back:\n{}",
        framed(&screen)
    );
}

#[test]
fn sighup_and_sigint_restore_the_terminal() {
    if !support::tmux_available("sighup_and_sigint_restore_the_terminal") {
        return;
    }

    for (signal, status) in [("HUP", 129), ("INT", 130)] {
        let quire = Tmux::quire(100, 30, &[]);
        wait_for_list(&quire);
        quire.wait_for_format("#{alternate_on}", "1");
        assert!(support::signal(quire.pane_pid(), signal), "kill -{signal}");
        assert_eq!(
            quire.wait_for_exit(),
            status,
            "SIG{signal}: 128 + its number"
        );
        assert_eq!(
            quire.format("#{alternate_on}"),
            "0",
            "SIG{signal}: alternate screen left"
        );
    }
}

/// Closing the terminal window sends SIGHUP and closes the terminal; quire
/// must exit rather than linger.
#[test]
fn quire_exits_when_its_terminal_closes() {
    if !support::tmux_available("quire_exits_when_its_terminal_closes") {
        return;
    }

    let quire = Tmux::quire(100, 30, &[]);
    wait_for_list(&quire);
    let pid = quire.pane_pid();
    quire.track(pid);
    quire.close_terminal();
    assert!(
        support::wait_for_process_exit(pid),
        "quire (pid {pid}) still runs {:?} after its terminal closed",
        support::DEADLINE
    );
}

/// Under a shell that ignores SIGHUP (`nohup`, `trap '' HUP`), closing the
/// terminal sends quire no signal: reading the terminal returns end of
/// file at once, which quire used to retry at ~75% of a core forever. It
/// must notice the terminal is gone, save, and exit within two seconds.
#[test]
fn quire_saves_and_exits_when_its_terminal_closes_without_a_signal() {
    if !support::tmux_available("quire_saves_and_exits_when_its_terminal_closes_without_a_signal") {
        return;
    }

    let quire = Tmux::program(
        100,
        30,
        &[
            "sh",
            "-c",
            "trap '' HUP; \"$QUIRE\"; echo $? >\"$QUIRE_CONFIG_DIR/status\"",
        ],
    );
    wait_for_list(&quire);
    quire.keys(&["Enter", "}", "}", "m"]);
    quire.wait_for_text("Bookmark saved");
    let shell = quire.pane_pid();
    let pid = match support::children(shell)[..] {
        [pid] => pid,
        ref others => panic!("quire is not the shell's only child: {others:?}"),
    };
    quire.track(pid);
    let config = quire.config_dir().to_path_buf();

    quire.close_terminal();
    let closed = std::time::Instant::now();
    while support::process_alive(pid) {
        assert!(
            closed.elapsed() < std::time::Duration::from_secs(2),
            "quire (pid {pid}) still runs 2 s after its terminal closed: {}",
            std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (_, loaded) = quire::bookmarks::store::Store::open(&config);
    assert_eq!(loaded.bookmarks.live_count(), 1, "the bookmark was kept");
    assert!(
        config.join("positions.json").is_file(),
        "the reading position was saved on the way out"
    );
    // The shell ignored SIGHUP and outlived quire: it wrote its status.
    let status = config.join("status");
    let start = std::time::Instant::now();
    while !status.exists() && start.elapsed() < support::DEADLINE {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&status).unwrap_or_default().trim(),
        "129",
        "exit status as after SIGHUP"
    );
}

#[test]
fn corrupt_bookmarks_file_is_kept_aside_and_reported() {
    if !support::tmux_available("corrupt_bookmarks_file_is_kept_aside_and_reported") {
        return;
    }

    let config = tempfile::tempdir().unwrap();
    let original = b"{\"version\": 1, \"bookmarks\": [ {oops";
    std::fs::write(config.path().join("bookmarks.json"), original).unwrap();
    let quire = Tmux::quire_with_config(200, 30, &[], Some(config.path()));
    let screen = quire.wait_for("the warning in the status bar", |s| {
        support::status_area(s).contains("could not be read")
    });
    assert!(
        support::status_area(&screen).contains("kept it as"),
        "says where the file went:\n{}",
        framed(&screen)
    );

    let aside: Vec<_> = std::fs::read_dir(config.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bookmarks.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "one file kept aside: {aside:?}");
    assert_eq!(
        std::fs::read(&aside[0]).unwrap(),
        original,
        "with the original bytes"
    );
    assert!(
        !config.path().join("bookmarks.json").exists(),
        "not replaced by an empty file"
    );
}

#[test]
fn list_with_a_missing_path_prints_the_rest_and_fails() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let output = Command::new(QUIRE)
        .arg("list")
        .arg(&seeds)
        .arg(&missing)
        .output()
        .expect("run quire list");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "exit code; stderr: {stderr}");
    assert_eq!(
        stdout.lines().count(),
        5,
        "the other documents are listed:\n{stdout}"
    );
    for title in bundled_titles() {
        assert!(stdout.contains(&title), "{title:?} listed:\n{stdout}");
    }
    assert!(
        stderr.contains(&*missing.to_string_lossy()),
        "stderr names the path:\n{stderr}"
    );
}

/// Issue 4 end to end: a bookmark follows its passage when the article is
/// edited on disk, and the reading position comes back after a restart.
#[test]
fn bookmark_survives_an_edit_and_the_position_survives_a_restart() {
    if !support::tmux_available("bookmark_survives_an_edit_and_the_position_survives_a_restart") {
        return;
    }

    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let file = articles.path().join("essay.txt");
    let paragraphs: Vec<String> = (1..=30)
        .map(|i| format!("Paragraph number {i} talks about reading in a terminal at length."))
        .collect();
    std::fs::write(&file, format!("Essay\n\n{}\n", paragraphs.join("\n\n"))).unwrap();
    let path = file.to_string_lossy().into_owned();
    {
        let first = Tmux::quire_with_config(100, 30, &[&path], Some(config.path()));
        first.wait_for("the article in the list", |s| {
            list_rows(s).iter().any(|r| r.starts_with("Essay"))
        });
        first.keys(&["Enter"]);
        first.wait_for("the reading view", reading_view_focused);
        for _ in 0..6 {
            first.keys(&["}"]);
        }
        first.wait_for("the cursor on paragraph 7", |s| {
            cursor_line(s).is_some_and(|l| l.contains("number 7 "))
        });
        first.keys(&["m"]);
        first.wait_for("Bookmark saved", |s| {
            status_bar(s).contains("Bookmark saved")
        });
        first.keys(&["Space"]);
        first.wait_for("a page further", |s| !s.contains("number 1 talks"));
        first.keys(&["q"]);
        assert_eq!(first.wait_for_exit(), 0);
    }
    // Insert a paragraph before the bookmarked one.
    let edited = format!(
        "Essay\n\nA new opening paragraph.\n\n{}\n",
        paragraphs.join("\n\n")
    );
    std::fs::write(&file, edited).unwrap();

    let second = Tmux::quire_with_config(100, 30, &[&path], Some(config.path()));
    // Files load in the background: wait for the article's row, not just
    // the first frame.
    second.wait_for("the article in the list", |s| {
        list_rows(s).iter().any(|r| r.starts_with("Essay"))
    });
    second.keys(&["Enter"]);
    let screen = second.wait_for("the reading view", reading_view_focused);
    assert!(
        !screen.contains("number 1 talks"),
        "the reading position was not restored:\n{}",
        framed(&screen)
    );
    second.keys(&["B"]);
    second.wait_for("the bookmarks view", |s| {
        s.contains(" Bookmarks (1) ") && !s.contains("(not found)")
    });
    second.keys(&["Enter"]);
    // The cursor (▌) and the bookmark mark (★) are on paragraph 7, which is
    // now the eighth passage.
    second.wait_for("the bookmarked passage", |s| {
        s.lines()
            .any(|row| row.contains("★▌") && row.contains("number 7 "))
    });
}

/// Issue 6: Ctrl-z gives the terminal back to the shell, and `fg` brings
/// quire back with the whole screen drawn again.
#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    if !support::tmux_available("ctrl_z_suspends_and_fg_redraws") {
        return;
    }

    let shell = Tmux::shell(100, 30);
    shell.type_text("\"$QUIRE\"");
    shell.keys(&["Enter"]);
    wait_for_list(&shell);
    shell.keys(&["C-z"]);
    shell.wait_for_format("#{alternate_on}", "0");
    shell.wait_for("the shell prompt while quire is stopped", |s| {
        s.matches(support::PROMPT).count() >= 2
    });
    shell.type_text("fg");
    shell.keys(&["Enter"]);
    shell.wait_for_format("#{alternate_on}", "1");
    let screen = wait_for_list(&shell);
    assert_eq!(
        list_rows(&screen).len(),
        5,
        "the list is drawn again:\n{}",
        framed(&screen)
    );
    shell.keys(&["q"]);
    shell.wait_for_format("#{alternate_on}", "0");
}

/// Issue 6: a key remapped in config.toml works, and the help shows it.
#[test]
fn a_remapped_key_works_and_shows_in_help() {
    if !support::tmux_available("a_remapped_key_works_and_shows_in_help") {
        return;
    }

    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[keys.list]\nquit = \"x\"\n",
    )
    .unwrap();
    let quire = Tmux::quire_with_config(100, 30, &[], Some(config.path()));
    wait_for_list(&quire);
    quire.keys(&["?"]);
    quire.wait_for("help listing x for quit", |s| {
        s.lines()
            .any(|row| row.contains("  x ") && row.contains("Quit quire"))
    });
    quire.keys(&["Escape"]);
    quire.wait_for("the help to close", |s| !s.contains(" Keys "));
    quire.keys(&["q"]);
    // q is no longer bound in the list: quire keeps running.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(quire.format("#{pane_dead}"), "0", "q still quit");
    quire.keys(&["x"]);
    assert_eq!(quire.wait_for_exit(), 0);
}

/// Issue 6: with NO_COLOR set, quire draws no colour, only bold/reverse.
#[test]
fn no_color_output_has_no_colour_attributes() {
    if !support::tmux_available("no_color_output_has_no_colour_attributes") {
        return;
    }

    let shell = Tmux::shell(100, 30);
    shell.type_text("NO_COLOR=1 \"$QUIRE\"");
    shell.keys(&["Enter"]);
    wait_for_list(&shell);
    shell.keys(&["/"]);
    shell.type_text("wechat");
    shell.wait_for("the filtered list", |s| s.contains("/ wechat"));
    let styled = shell.run_capture_with_escapes();
    for sgr in styled
        .split("\x1b[")
        .skip(1)
        .filter_map(|s| s.split_once('m').map(|(p, _)| p))
    {
        for param in sgr.split(';').filter_map(|p| p.parse::<u32>().ok()) {
            assert!(
                !matches!(param, 30..=38 | 40..=48 | 90..=97 | 100..=107),
                "colour attribute {param} in SGR {sgr:?}"
            );
        }
    }
    assert!(
        styled.contains("\x1b[7m") || styled.contains(";7m") || styled.contains("\x1b[1m"),
        "emphasis is still shown"
    );
}

/// Issue 6: a config file with a mistake stops quire with exit code 2 and
/// the line of the mistake.
#[test]
fn a_bad_config_exits_2_with_the_line() {
    if !support::tmux_available("a_bad_config_exits_2_with_the_line") {
        return;
    }

    let shell = Tmux::shell(100, 30);
    let config = shell.config_dir().join("config.toml");
    std::fs::create_dir_all(shell.config_dir()).unwrap();
    std::fs::write(&config, "theme = \"dark\"\nmeasure = 80\nnonsense = 3\n").unwrap();
    shell.type_text("\"$QUIRE\"; echo \"status=$?\"");
    shell.keys(&["Enter"]);
    let screen = shell.wait_for("quire's exit status", |s| s.matches("status=").count() >= 2);
    assert!(screen.contains("status=2"), "{}", framed(&screen));
    assert!(screen.contains("line 3"), "{}", framed(&screen));
    assert_eq!(shell.format("#{alternate_on}"), "0");
}

/// Issue 6: `quire list | head -1` ends quietly: exit 0, nothing on stderr.
#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    if !support::tmux_available("list_into_a_closed_pipe_exits_quietly") {
        return;
    }

    let shell = Tmux::shell(100, 30);
    let scratch = shell.scratch().to_path_buf();
    shell.type_text(&format!(
        "{{ \"$QUIRE\" list 2>'{0}/err'; echo $? >'{0}/code'; }} | head -1; echo done-$((6*7))",
        scratch.display()
    ));
    shell.keys(&["Enter"]);
    let screen = shell.wait_for("the pipeline to finish", |s| s.contains("done-42"));
    assert!(
        screen.contains("Why is the sense of participation"),
        "{}",
        framed(&screen)
    );
    let code = std::fs::read_to_string(scratch.join("code")).unwrap();
    assert_eq!(code.trim(), "0");
    assert_eq!(
        std::fs::read_to_string(scratch.join("err")).unwrap(),
        "",
        "nothing on stderr"
    );
}

/// Issue 5: a file that is one 20 MB line opens, jumps to its end, is
/// searched with `/`, and quits cleanly; the saved reading position quotes
/// a little of the line, not all of it.
#[test]
fn a_file_of_one_huge_line_opens_jumps_and_searches() {
    if !support::tmux_available("a_file_of_one_huge_line_opens_jumps_and_searches") {
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oneline.txt");
    let sentence = "Every word of this enormous line is part of one paragraph. ";
    let mut text = String::from("One enormous line\n\n");
    text.push_str(&sentence.repeat(20_000_000 / sentence.len()));
    text.push_str("The very end.");
    std::fs::write(&path, &text).unwrap();
    let quire = Tmux::quire(100, 30, &[path.to_str().unwrap()]);
    quire.wait_for_text("One enormous line");
    // Listed first, measured after: 3,728,819 words at 230 a minute.
    quire.wait_for_text("16213 min");
    quire.keys(&["Enter"]);
    quire.wait_for("the reading view", |s| {
        reading_view_focused(s) && s.contains("Every word of this enormous")
    });
    quire.keys(&["G"]);
    let end = quire.wait_for_text("The very end.");
    assert!(end.contains(" 100% "), "{end}");
    quire.keys(&["/"]);
    quire.type_text("very end");
    quire.wait_for_text("1/1");
    quire.keys(&["Enter", "g", "g"]);
    let top = quire.wait_for_text("Every word of this enormous");
    assert!(top.contains("match 1/1"), "{top}");
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0, "exit status");
    assert_eq!(quire.format("#{alternate_on}"), "0");
    let positions = quire.config_dir().join("positions.json");
    let size = std::fs::metadata(&positions).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 0 && size < 32 * 1024,
        "positions.json is {size} bytes"
    );
}

/// After `R` reads an edited file again, the filter finds it by the words
/// it has now, and no longer by the ones it lost.
#[test]
fn the_filter_searches_a_reloaded_file_by_its_new_words() {
    if !support::tmux_available("the_filter_searches_a_reloaded_file_by_its_new_words") {
        return;
    }

    let articles = tempfile::tempdir().unwrap();
    let file = articles.path().join("notes.txt");
    std::fs::write(&file, "Notes\n\nSomething about pelicans.\n").unwrap();
    std::fs::write(
        articles.path().join("other.txt"),
        "Other\n\nNothing in common.\n",
    )
    .unwrap();
    let dir = articles.path().to_string_lossy().into_owned();
    let quire = Tmux::quire(100, 30, &[&dir]);
    quire.wait_for("both articles", |s| {
        let rows = list_rows(s);
        rows.iter().any(|r| r.starts_with("Notes")) && rows.iter().any(|r| r.starts_with("Other"))
    });
    quire.keys(&["Enter"]);
    quire.wait_for("the reading view", reading_view_focused);
    std::fs::write(&file, "Notes\n\nSomething about flamingos.\n").unwrap();
    quire.keys(&["R"]);
    quire.wait_for_text("flamingos");
    quire.keys(&["h"]);
    quire.wait_for("the list", |s| !reading_view_focused(s));
    quire.keys(&["/"]);
    quire.wait_for("the filter line to take focus", |s| {
        status_bar(s).contains("Esc clear")
    });
    quire.type_text("flamingos");
    quire.wait_for("the reloaded article found by its new word", |s| {
        s.contains("/ flamingos") && s.contains(" 1/2 ")
    });
    for _ in 0.."flamingos".len() {
        quire.keys(&["BSpace"]);
    }
    quire.type_text("pelicans");
    quire.wait_for("nothing found by the word it lost", |s| {
        s.contains("/ pelicans") && s.contains(" 0/2 ")
    });
}

/// The reading pane's text, one string per screen row (between the list
/// and the right border).
fn reader_rows(screen: &str) -> Vec<String> {
    rows(screen)
        .iter()
        .map(|row| columns(row, LIST_WIDTH, 100))
        .collect()
}

/// Whether some occurrence of `word` in a styled capture
/// ([`Tmux::run_capture_with_escapes`]) is drawn with emphasis (see
/// [`emphasised_at`]).
fn is_highlighted(styled: &str, word: &str) -> bool {
    styled
        .match_indices(word)
        .any(|(at, _)| emphasised_at(styled, at))
}

/// Whether the text at byte `at` of a styled capture is drawn with bold,
/// underline, reverse or a background on, as quire marks a match: the
/// escapes from the start of its row up to it, in order, say.
fn emphasised_at(styled: &str, at: usize) -> bool {
    let row_start = styled[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut on = [false; 4];
    for piece in styled[row_start..at].split("\x1b[").skip(1) {
        let Some((sgr, _)) = piece.split_once('m') else {
            continue;
        };
        let params: Vec<u32> = sgr.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                0 => on = [false; 4],
                1 => on[0] = true,
                22 => on[0] = false,
                4 => on[1] = true,
                24 => on[1] = false,
                7 => on[2] = true,
                27 => on[2] = false,
                40..=47 | 100..=107 => on[3] = true,
                49 => on[3] = false,
                // A colour's 5;n or 2;r;g;b are not attributes.
                38 | 48 => {
                    on[3] |= params[i] == 48;
                    i += if params.get(i + 1) == Some(&5) { 2 } else { 4 };
                }
                _ => {}
            }
            i += 1;
        }
    }
    on.contains(&true)
}

/// The styled rows of the panes: the capture less the filter or search
/// line and the key hints under them, which show the typed query in bold.
fn pane_rows(styled: &str) -> String {
    let rows: Vec<&str> = styled.lines().collect();
    rows[..rows.len().saturating_sub(2)].join("\n")
}

/// Issue 3: typing in the filter narrows the list to the articles whose
/// bodies hold the word; the preview shows the selected result at its best
/// passage, follows the selection, and Enter opens it there with the
/// matches highlighted; `n` steps to the next match.
#[test]
fn the_preview_follows_the_results_and_enter_opens_at_the_best_passage() {
    if !support::tmux_available(
        "the_preview_follows_the_results_and_enter_opens_at_the_best_passage",
    ) {
        return;
    }

    let articles = tempfile::tempdir().unwrap();
    let filler = "Tides came and went along the quiet shore while gulls argued.";
    for (name, title, paragraphs) in [
        ("harbour.txt", "Harbour notes", 30),
        ("garden.txt", "Garden diary", 14),
    ] {
        let mut text = format!("{title}\n\nThe first paragraph of {name}.\n\n");
        for i in 0..paragraphs {
            text.push_str(&format!("Paragraph {i}. {filler}\n\n"));
        }
        text.push_str(&format!(
            "Dusk at {name}: one lighthouse, two lighthouse.\n"
        ));
        std::fs::write(articles.path().join(name), text).unwrap();
    }
    std::fs::write(
        articles.path().join("kitchen.txt"),
        "Kitchen book\n\nBread and tea.\n",
    )
    .unwrap();
    let dir = articles.path().to_string_lossy().into_owned();
    let quire = Tmux::quire(100, 30, &[&dir]);
    quire.wait_for("the three articles", |s| list_rows(s).len() == 3);
    quire.keys(&["/"]);
    quire.wait_for("the filter line to take focus", |s| {
        status_bar(s).contains("Esc clear")
    });
    quire.type_text("lighthouse");
    let screen = quire.wait_for("the two articles that mention it", |s| {
        s.contains("/ lighthouse") && s.contains(" 2/3 ")
    });
    let results: Vec<String> = list_rows(&screen)
        .into_iter()
        .filter(|r| r.starts_with("Harbour notes") || r.starts_with("Garden diary"))
        .collect();
    assert_eq!(results.len(), 2, "{}", framed(&screen));
    let name_of = |row: &str| {
        if row.starts_with("Harbour") {
            "harbour.txt"
        } else {
            "garden.txt"
        }
    };
    let previewed = |s: &str, name: &str| {
        let reader = reader_rows(s).join("\n");
        reader.contains(&format!("Dusk at {name}"))
            && !reader.contains(&format!("The first paragraph of {name}"))
            && s.contains("match 1/2")
    };
    let first = name_of(&results[0]);
    quire.wait_for("the first result previewed at its best passage", |s| {
        previewed(s, first)
    });
    quire.keys(&["Down"]);
    let second = name_of(&results[1]);
    quire.wait_for("the preview to follow the selection", |s| {
        previewed(s, second)
    });
    quire.keys(&["Enter"]);
    let screen = quire.wait_for("the reading view at the best passage", |s| {
        reading_view_focused(s) && previewed(s, second)
    });
    // The reading pane is right of the list, which shows the match too:
    // on the passage's row, what follows its first words is the reader's.
    let styled = quire.run_capture_with_escapes();
    let anchor = format!("Dusk at {second}");
    let (row, at) = styled
        .lines()
        .find_map(|row| row.rfind(&anchor).map(|at| (row, at)))
        .unwrap_or_else(|| panic!("the passage's row:\n{}", framed(&screen)));
    let word = at + row[at..].find("lighthouse").expect("the match on its row");
    assert!(
        emphasised_at(row, word),
        "the match is highlighted in the reader:\n{}",
        framed(&screen)
    );
    assert!(!emphasised_at(row, at), "only the match is highlighted");
    quire.keys(&["n"]);
    quire.wait_for("n to step to the second match", |s| s.contains("match 2/2"));
}

/// Issue 3: `/` in the reading view searches the document's text, so a
/// phrase whose two words sit on two screen lines is found, and both halves
/// are highlighted.
#[test]
fn slash_in_the_reader_finds_a_phrase_that_wraps_to_the_next_line() {
    if !support::tmux_available("slash_in_the_reader_finds_a_phrase_that_wraps_to_the_next_line") {
        return;
    }

    let articles = tempfile::tempdir().unwrap();
    let file = articles.path().join("numbered.txt");
    let numbered: Vec<String> = (1..=150).map(|i| format!("w{i:03}")).collect();
    std::fs::write(&file, format!("Numbered words\n\n{}\n", numbered.join(" "))).unwrap();
    let quire = Tmux::quire(100, 30, &[file.to_str().unwrap()]);
    quire.wait_for_text("Numbered words");
    quire.keys(&["Enter"]);
    let screen = quire.wait_for("the reading view", |s| {
        reading_view_focused(s) && s.contains("w001")
    });
    // The last word of one screen line and the first of the next.
    let lines: Vec<Vec<String>> = reader_rows(&screen)
        .iter()
        .map(|r| {
            r.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.len() == 4 && w.starts_with('w'))
                .map(str::to_string)
                .collect()
        })
        .collect();
    let (end, start) = lines
        .windows(2)
        .find_map(|pair| Some((pair[0].last()?.clone(), pair[1].first()?.clone())))
        .unwrap_or_else(|| panic!("two lines of words:\n{}", framed(&screen)));
    let phrase = format!("{end} {start}");
    assert!(numbered.join(" ").contains(&phrase));
    quire.keys(&["/"]);
    quire.type_text(&phrase);
    let found = quire.wait_for("the wrapped phrase found once", |s| {
        s.contains(&format!("Search this document: {phrase}")) && s.contains("1/1")
    });
    let styled = pane_rows(&quire.run_capture_with_escapes());
    for word in [&end, &start] {
        assert!(
            is_highlighted(&styled, word),
            "{word} of {phrase:?} is highlighted:\n{}",
            framed(&found)
        );
    }
    assert!(
        !is_highlighted(&styled, "w001"),
        "only the phrase is highlighted"
    );
}
