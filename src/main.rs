//! The `quire` binary: parses the command line, loads the config and the
//! articles and runs the reader or a subcommand. Data goes to stdout, errors
//! to stderr (after the terminal is restored); exit code 0 on success, 2 on
//! a usage, input or config error.

use anyhow::{Context, Result, bail};
use clap::Parser;
use quire::action::Action;
use quire::app::App;
use quire::bookmarks::store::Store;
use quire::cli::{BookmarksCommand, Cli, Command, InputFormat};
use quire::commands::{self, INPUT_ERROR};
use quire::config::Config;
use quire::corpus::Input;
use quire::format::Format;
use quire::signals::Signals;
use quire::terminal::RealTerminal;
use quire::tui::{self, Services, TerminalEvents};
use quire::worker::{LoadPlan, Worker};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = cli.validate() {
        e.exit();
    }
    let config_file = cli.config.as_deref();
    // `quire --format html show page` says it as well as `show --format`.
    let format = |given: InputFormat| given.format.or(cli.format.format);
    let result = match cli.command {
        Some(Command::List {
            paths,
            json,
            sort,
            format: given,
        }) => load_config(config_file).and_then(|config| {
            let paths = default_paths(paths, &config);
            list((&paths, format(given)), json, sort)
        }),
        Some(Command::Show {
            paths,
            all,
            json,
            format: given,
        }) => load_config(config_file).and_then(|config| {
            let paths = default_paths(paths, &config);
            show((&paths, format(given)), all, json, &config)
        }),
        Some(Command::Search {
            query,
            paths,
            limit,
            json,
            format: given,
        }) => load_config(config_file).and_then(|config| {
            let paths = default_paths(paths, &config);
            search(&query, (&paths, format(given)), limit, json)
        }),
        Some(Command::Bookmarks { action }) => bookmarks(action),
        Some(Command::Open {
            paths,
            at,
            format: given,
        }) => read((paths, format(given)), at.as_deref(), config_file),
        Some(Command::Config { default, init, .. }) => config(default, init, config_file),
        Some(Command::Completions { shell }) => print(|out| commands::completions(shell, out)),
        Some(Command::Man) => print(commands::man),
        None => read(
            (cli.paths, cli.format.format),
            cli.at.as_deref(),
            config_file,
        ),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            say(format!("{e:#}"));
            ExitCode::from(INPUT_ERROR)
        }
    }
}

fn open_store() -> Result<(Store, quire::bookmarks::store::Loaded)> {
    let dir = quire::paths::config_dir().map_err(anyhow::Error::msg)?;
    Ok(Store::open(&dir))
}

/// Where the config is read from: `--config FILE`, else config.toml in
/// the config directory.
fn config_path(given: Option<&Path>) -> Result<PathBuf> {
    match given {
        Some(file) => Ok(file.to_path_buf()),
        None => quire::paths::config_file().map_err(anyhow::Error::msg),
    }
}

/// The config; a missing config.toml is the defaults, a missing `--config`
/// file is an error (the user named it).
fn load_config(given: Option<&Path>) -> Result<Config> {
    let path = config_path(given)?;
    Ok(quire::config::load(&path, given.is_none())?)
}

/// The paths given, else the config's default paths.
fn default_paths(paths: Vec<String>, config: &Config) -> Vec<String> {
    if paths.is_empty() {
        config
            .paths
            .iter()
            .map(|p| quire::paths::expand_home(p))
            .collect()
    } else {
        paths
    }
}

/// `quire config --default | --path`.
fn config(default: bool, init: bool, given: Option<&Path>) -> Result<u8> {
    if default {
        return print(commands::config_default);
    }
    let path = config_path(given)?;
    if init {
        let message = commands::config_init(&path)?;
        return print(|out| {
            writeln!(out, "{message}")?;
            Ok(commands::OK)
        });
    }
    print(|out| {
        writeln!(out, "{}", path.display())?;
        Ok(commands::OK)
    })
}

/// Runs a subcommand that writes to stdout.
fn print(write: impl FnOnce(&mut dyn Write) -> std::io::Result<u8>) -> Result<u8> {
    quiet_on_closed_pipe(write(&mut std::io::BufWriter::new(
        std::io::stdout().lock(),
    )))
}

/// Opens the reader, at a bookmark when `at` is given. Files are read in
/// the background, so the first screen appears at once.
fn read(
    (paths, format): (Vec<String>, Option<Format>),
    at: Option<&str>,
    config_file: Option<&Path>,
) -> Result<u8> {
    let config = load_config(config_file)?;
    // With --at and no path, the bookmark's document is opened, not the
    // config's default paths.
    let paths = if at.is_some() {
        paths
    } else {
        default_paths(paths, &config)
    };
    let paths = paths.as_slice();
    let (store, loaded) = open_store()?;
    let bookmark = at
        .map(|id| commands::find_bookmark(&loaded.bookmarks, id))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| *p != "-" && std::fs::metadata(p).is_err())
        .collect();
    if !paths.is_empty() && missing.len() == paths.len() {
        let list: Vec<&str> = missing.iter().map(|p| p.as_str()).collect();
        bail!(
            "nothing to read: {} not found; check the path",
            list.join(", ")
        );
    }
    if !std::io::stdout().is_terminal() {
        bail!("the reader needs a terminal; to print the documents use `quire list`");
    }
    let (mut app, plan) = match bookmark {
        // Opening at a bookmark needs its document before the first key.
        Some(_) if paths.is_empty() => {
            let docs = commands::documents_for(&loaded.bookmarks);
            (
                App::new(docs, Vec::new(), loaded.bookmarks),
                LoadPlan::Stored,
            )
        }
        Some(index) => {
            let mut corpus = commands::load(paths, format, &mut std::io::stdin().lock());
            // The bookmark opens even when its file is not among the paths.
            let own = commands::documents_of(&loaded.bookmarks.items[index]);
            commands::add_missing(&mut corpus.documents, own);
            (
                App::new(corpus.documents, corpus.problems, loaded.bookmarks),
                LoadPlan::Stored,
            )
        }
        None => {
            let plan = if paths.is_empty() {
                LoadPlan::Bundled
            } else {
                LoadPlan::Inputs(paths.iter().map(|p| Input::parse(p)).collect(), format)
            };
            let app = App::new(Vec::new(), Vec::new(), loaded.bookmarks);
            (app, plan)
        }
    };
    // The loader hands these documents to the search until it reports
    // that it is done; a document read later (a bookmark's) must be
    // indexed after them, so it waits for that.
    app.loading = true;
    let no_color = quire::theme::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    config.apply(&mut app, !no_color);
    if let Some(warning) = &loaded.warning {
        app.error(warning.clone());
    }
    let worker = Worker::start(plan, app.docs.clone());
    let signals = Signals::watch().context("cannot watch for signals")?;
    // Given back when dropped, also when this function returns early.
    let mut terminal =
        quire::terminal::Session::start(app.mouse).context("cannot set up the terminal")?;
    let size = terminal.size().context("cannot read the terminal size")?;
    app.id_seed = quire::bookmarks::process_seed();
    let layout_file = quire::paths::config_dir()
        .map(|d| d.join("layout.json"))
        .ok();
    if let Some(path) = &layout_file {
        app.split = quire::layout::load_split(path);
    }
    let (position_store, stored) = quire::positions::store::PositionStore::open(
        &quire::paths::config_dir().map_err(anyhow::Error::msg)?,
    );
    app.reading = stored.positions;
    // The order kept from last time (layout.json), now that both it and
    // the reading positions are known.
    if app.split.sort != quire::sort::SortOrder::Path && app.query.is_empty() {
        app.relist(app.selected_doc());
    }
    if let Some(warning) = &stored.warning {
        app.error(warning.clone());
    }
    let saver = quire::saver::Saver::start(Some(store), Some(position_store));
    let services = Services {
        saver: Some(&saver),
        positions: None,
        store: None,
        worker: Some(&worker),
        terminal: Some(&RealTerminal),
        layout_file: layout_file.as_deref(),
    };
    let now = quire::bookmarks::millis(std::time::SystemTime::now());
    tui::apply(&mut app, Action::Tick(now), &services);
    tui::apply(&mut app, Action::Resize(size.width, size.height), &services);
    if let Some(index) = bookmark {
        let id = app.bookmarks.items[index].id.clone();
        tui::apply(&mut app, Action::OpenBookmark(id), &services);
    }
    let mut events = TerminalEvents::new(signals);
    let result = tui::run(&mut terminal, &mut app, &mut events, &services);
    drop(terminal);
    for problem in &app.problems {
        say(problem);
    }
    // Said again where it stays readable, like the bookmarks' warning.
    for warning in [loaded.warning, stored.warning].into_iter().flatten() {
        say(warning);
    }
    report_unsaved(&app);
    let status = events.exit_status();
    match result {
        // A write failed because the terminal closed: not an error to report.
        Err(_) if status != commands::OK => Ok(status),
        other => other
            .map(|()| status)
            .context("the terminal stopped working"),
    }
}

/// Writes a line to stderr, sanitized (messages quote file names, stored
/// titles and error text). stderr may be a terminal that has gone away:
/// unlike eprintln!, a failed write is ignored rather than a panic.
fn say(message: impl std::fmt::Display) {
    let shown = quire::sanitize::sanitize(&message.to_string());
    let _ = writeln!(std::io::stderr(), "quire: {shown}");
}

/// Says on stderr, once the terminal is back, what could not be kept: the
/// status bar that showed it is gone with the screen.
fn report_unsaved(app: &App) {
    if let Some(message) = &app.bookmarks_error {
        say(format!(
            "your latest bookmark changes were NOT saved: {message}"
        ));
    }
    if let Some(message) = &app.positions_error {
        say(format!(
            "the reading positions of this session were not saved: {message}"
        ));
    }
}

/// `quire list`.
fn list(
    (paths, format): (&[String], Option<Format>),
    json: bool,
    sort: quire::sort::SortOrder,
) -> Result<u8> {
    let corpus = commands::load(paths, format, &mut std::io::stdin().lock());
    for problem in &corpus.problems {
        say(problem);
    }
    // Only `--sort read` needs to know what was read.
    let reading = match (sort, quire::paths::config_dir()) {
        (quire::sort::SortOrder::Read, Ok(dir)) => {
            quire::positions::store::PositionStore::open(&dir)
                .1
                .positions
        }
        _ => quire::positions::Positions::default(),
    };
    let code = commands::list_sorted(
        &corpus,
        json,
        (sort, &reading),
        &mut std::io::BufWriter::new(std::io::stdout().lock()),
    );
    quiet_on_closed_pipe(code)
}

/// `quire show`: wrapped at the reading measure (or the terminal's width
/// if narrower) on a terminal, one paragraph a line otherwise.
fn show(
    (paths, format): (&[String], Option<Format>),
    all: bool,
    json: bool,
    config: &Config,
) -> Result<u8> {
    let corpus = commands::load(paths, format, &mut std::io::stdin().lock());
    for problem in &corpus.problems {
        say(problem);
    }
    let terminal = std::io::stdout().is_terminal();
    let columns = crossterm::terminal::size().map_or(usize::MAX, |(w, _)| usize::from(w));
    let options = quire::show::ShowOptions {
        all,
        json,
        width: terminal.then(|| usize::from(config.measure).min(columns)),
        // Bold and dim are not colours: kept under NO_COLOR, as in the reader.
        styled: terminal,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    quiet_on_closed_pipe(quire::show::show(&corpus, options, &mut out))
}

/// `quire search`.
fn search(
    query: &str,
    inputs: (&[String], Option<Format>),
    limit: Option<usize>,
    json: bool,
) -> Result<u8> {
    let code = commands::search_paths(
        inputs,
        &mut std::io::stdin().lock(),
        query,
        limit,
        json,
        &mut std::io::BufWriter::new(std::io::stdout().lock()),
        &mut std::io::stderr().lock(),
    );
    quiet_on_closed_pipe(code)
}

/// `quire bookmarks list|export|import`.
fn bookmarks(action: BookmarksCommand) -> Result<u8> {
    let (store, loaded) = open_store()?;
    if let Some(warning) = &loaded.warning {
        say(warning);
    }
    if let BookmarksCommand::Import { file, paths } = &action {
        return import(store, loaded, file, paths);
    }
    let docs = quire::store::shared(commands::documents_for(&loaded.bookmarks));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match action {
        BookmarksCommand::List { json } => {
            commands::bookmarks_list(&loaded.bookmarks, &docs, json, &mut out)
        }
        BookmarksCommand::Export {
            format,
            document,
            since,
        } => {
            let choice = commands::ExportChoice {
                document,
                since,
                now: quire::bookmarks::millis(std::time::SystemTime::now()),
            };
            commands::bookmarks_export(&loaded.bookmarks, &docs, format, &choice, &mut out)
        }
        BookmarksCommand::Import { .. } => Ok(commands::OK),
    };
    quiet_on_closed_pipe(code)
}

/// `quire bookmarks import FILE [PATH...]`: adds the annotations of FILE
/// and saves them (merged with what other quires saved meanwhile).
fn import(
    store: Store,
    loaded: quire::bookmarks::store::Loaded,
    file: &str,
    paths: &[String],
) -> Result<u8> {
    let json = if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .context("cannot read the annotations from standard input")?;
        text
    } else {
        std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {file}: check the path (a JSON export)"))?
    };
    let mut set = loaded.bookmarks;
    let docs = quire::store::shared(commands::documents_for_import(&set, &json, paths));
    let code = commands::bookmarks_import(
        &mut set,
        &json,
        &docs,
        std::time::SystemTime::now(),
        &mut std::io::stderr().lock(),
    )?;
    if code != commands::INPUT_ERROR {
        store.save(&set).map_err(anyhow::Error::msg)?;
    }
    Ok(code)
}

/// A reader that stopped reading (`quire list | head -1`) is not an error.
fn quiet_on_closed_pipe(result: std::io::Result<u8>) -> Result<u8> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(commands::OK),
        other => other.context("cannot write to standard output"),
    }
}
