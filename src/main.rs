//! The `quire` binary: parses the command line, loads the articles and runs
//! the reader or a subcommand. Errors are printed after the terminal is
//! restored; exit code 0 on success, 2 on a usage or input error.

use anyhow::{Context, Result, bail};
use clap::Parser;
use quire::action::Action;
use quire::app::App;
use quire::bookmarks::store::Store;
use quire::cli::{BookmarksCommand, Cli, Command};
use quire::commands::{self, INPUT_ERROR};
use quire::tui::{self, TerminalEvents};
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::List { paths, json }) => list(&paths, json),
        Some(Command::Bookmarks { action }) => bookmarks(action),
        Some(Command::Open { paths, at }) => read(&paths, at.as_deref()),
        None => read(&cli.paths, cli.at.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quire: {e:#}");
            ExitCode::from(INPUT_ERROR)
        }
    }
}

fn open_store() -> Result<(Store, quire::bookmarks::store::Loaded)> {
    let dir = quire::paths::config_dir().map_err(anyhow::Error::msg)?;
    Ok(Store::open(&dir))
}

/// Opens the reader, at a bookmark when `at` is given.
fn read(paths: &[String], at: Option<&str>) -> Result<u8> {
    let (store, loaded) = open_store()?;
    let bookmark = at
        .map(|id| commands::find_bookmark(&loaded.bookmarks, id))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let corpus = match bookmark {
        Some(_) if paths.is_empty() => quire::corpus::Corpus {
            documents: commands::documents_for(&loaded.bookmarks),
            problems: Vec::new(),
        },
        _ => commands::load(paths, &mut std::io::stdin().lock()),
    };
    for problem in &corpus.problems {
        eprintln!("quire: {problem}");
    }
    if corpus.documents.is_empty() {
        bail!(
            "nothing to read: no .txt, .text, .md or .markdown files were found in the paths given"
        );
    }
    if !std::io::stdout().is_terminal() {
        bail!("the reader needs a terminal; to print the documents use `quire list`");
    }
    let mut app = App::new(corpus.documents, corpus.problems, loaded.bookmarks);
    if let Some(warning) = &loaded.warning {
        app.error(warning.clone());
    }
    let interrupted = tui::watch_signals().context("cannot watch for signals")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let size = terminal.size().context("cannot read the terminal size")?;
    quire::update::update(&mut app, Action::Resize(size.width, size.height));
    if let Some(index) = bookmark {
        let id = app.bookmarks.items[index].id.clone();
        quire::update::update(&mut app, Action::OpenBookmark(id));
    }
    let result = tui::run(
        &mut terminal,
        &mut app,
        &mut TerminalEvents { interrupted },
        Some(&store),
    );
    tui::restore_terminal();
    if let Some(warning) = loaded.warning {
        eprintln!("quire: {warning}");
    }
    result.context("the terminal stopped working")?;
    Ok(commands::OK)
}

/// `quire list`.
fn list(paths: &[String], json: bool) -> Result<u8> {
    let corpus = commands::load(paths, &mut std::io::stdin().lock());
    for problem in &corpus.problems {
        eprintln!("quire: {problem}");
    }
    let code = commands::list(
        &corpus,
        json,
        &mut std::io::BufWriter::new(std::io::stdout().lock()),
    );
    quiet_on_closed_pipe(code)
}

/// `quire bookmarks list|export`.
fn bookmarks(action: BookmarksCommand) -> Result<u8> {
    let (_, loaded) = open_store()?;
    if let Some(warning) = &loaded.warning {
        eprintln!("quire: {warning}");
    }
    let docs = commands::documents_for(&loaded.bookmarks);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match action {
        BookmarksCommand::List { json } => {
            commands::bookmarks_list(&loaded.bookmarks, &docs, json, &mut out)
        }
        BookmarksCommand::Export { format } => {
            commands::bookmarks_export(&loaded.bookmarks, &docs, format, &mut out)
        }
    };
    quiet_on_closed_pipe(code)
}

/// A reader that stopped reading (`quire list | head -1`) is not an error.
fn quiet_on_closed_pipe(result: std::io::Result<u8>) -> Result<u8> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(commands::OK),
        other => other.context("cannot write to standard output"),
    }
}
