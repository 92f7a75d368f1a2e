//! The `quire` binary: parses the command line, loads the articles and runs
//! the reader or a subcommand. Errors are printed after the terminal is
//! restored; exit code 0 on success, 2 on a usage or input error.

use anyhow::{Context, Result, bail};
use clap::Parser;
use quire::app::App;
use quire::bookmarks::store::Store;
use quire::cli::{Cli, Command};
use quire::corpus::{self, Corpus, Input};
use quire::tui::{self, TerminalEvents};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::List { paths, json }) => list(&paths, json),
        None => read(&cli.paths),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("quire: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The named inputs, or the bundled articles when there are none.
fn load(paths: &[String]) -> Corpus {
    if paths.is_empty() {
        return Corpus {
            documents: corpus::bundled(),
            problems: Vec::new(),
        };
    }
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    corpus::load(&inputs, &mut std::io::stdin().lock())
}

fn report_problems(corpus: &Corpus) {
    for problem in &corpus.problems {
        eprintln!("quire: {problem}");
    }
}

/// Opens the reader.
fn read(paths: &[String]) -> Result<ExitCode> {
    let corpus = load(paths);
    report_problems(&corpus);
    if corpus.documents.is_empty() {
        bail!(
            "nothing to read: no .txt, .text, .md or .markdown files were found in the paths given"
        );
    }
    if !std::io::stdout().is_terminal() {
        bail!("the reader needs a terminal; to print the documents use `quire list`");
    }
    let dir = quire::paths::config_dir().map_err(anyhow::Error::msg)?;
    let (store, loaded) = Store::open(&dir);
    let mut app = App::new(corpus.documents, corpus.problems, loaded.bookmarks);
    if let Some(warning) = &loaded.warning {
        app.error(warning.clone());
    }
    let interrupted = tui::watch_signals().context("cannot watch for signals")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
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
    Ok(ExitCode::SUCCESS)
}

/// `quire list`: one line per document.
fn list(paths: &[String], json: bool) -> Result<ExitCode> {
    let corpus = load(paths);
    report_problems(&corpus);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for doc in &corpus.documents {
        let line = if json {
            serde_json::json!({
                "title": doc.title,
                "path": doc.source.display_path(),
                "words": doc.words,
                "passages": doc.passages.len(),
                "minutes": doc.minutes,
            })
            .to_string()
        } else {
            format!(
                "{}\t{}\t{}",
                doc.title,
                doc.words,
                doc.source.display_path()
            )
        };
        if let Err(e) = writeln!(out, "{line}") {
            return quiet_on_closed_pipe(e);
        }
    }
    if let Err(e) = out.flush() {
        return quiet_on_closed_pipe(e);
    }
    let failed = corpus.problems.iter().any(|p| !p.opened);
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A reader that stopped reading (`quire list | head -1`) is not an error.
fn quiet_on_closed_pipe(e: std::io::Error) -> Result<ExitCode> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Ok(ExitCode::SUCCESS);
    }
    Err(e).context("cannot write to standard output")
}
