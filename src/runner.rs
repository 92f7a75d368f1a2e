//! Carries out what `update()` returns: the one place where an action's
//! [`Effects`] meet the disk, the terminal and the background threads.
//! Work that can take long (saving, reading a file again, searching) is
//! handed to a thread whose result comes back as an action; without one
//! (tests, small document sets) it is done in place and its result applied
//! the same way. The event loop ([`crate::tui`]) only turns events into
//! actions and draws.

use crate::action::{Action, Effect};
use crate::app::App;
use crate::bookmarks::store::Store;
use crate::effects::Effects;
use crate::saver::Saver;
use crate::store::DocId;
use crate::terminal::TerminalControl;
use crate::update::update;
use crate::worker::{Report, Worker};

/// What the runner hands work to. Each is optional: tests give only what
/// they exercise.
#[derive(Default, Clone, Copy)]
pub struct Services<'a> {
    /// Saves bookmarks and positions off the UI thread (the program).
    pub saver: Option<&'a Saver>,
    /// Without a saver: the bookmarks store, written in place (None keeps
    /// bookmarks in memory).
    pub store: Option<&'a Store>,
    /// Without a saver: where reading positions are written, in place.
    pub positions: Option<&'a crate::positions::store::PositionStore>,
    /// The background loader and search (None searches in place, for
    /// tests and small document sets).
    pub worker: Option<&'a Worker>,
    /// Suspending, the editor and the clipboard; None ignores them.
    pub terminal: Option<&'a dyn TerminalControl>,
    /// Where the pane layout is kept between sessions.
    pub layout_file: Option<&'a std::path::Path>,
}

/// What running an action's effects came to, for the event loop.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub quit: bool,
    /// The terminal was used by another program (editor, shell after
    /// Ctrl-z): every cell must be drawn again.
    pub repaint: bool,
}

impl Outcome {
    fn and(self, other: Outcome) -> Outcome {
        Outcome {
            quit: self.quit || other.quit,
            repaint: self.repaint || other.repaint,
        }
    }
}

/// Applies an action and carries out its effects; true when quitting.
pub fn apply(app: &mut App, action: Action, services: &Services) -> bool {
    run(app, action, services).quit
}

/// Applies an action and carries out its effects.
pub fn run(app: &mut App, action: Action, services: &Services) -> Outcome {
    let effects = update(app, action);
    run_effects(app, effects, services)
}

/// Carries out `effects`; quitting comes after the others.
pub fn run_effects(app: &mut App, effects: Effects, services: &Services) -> Outcome {
    let quit = effects.quits();
    let mut outcome = Outcome::default();
    for effect in effects {
        outcome = outcome.and(run_effect(app, effect, services));
    }
    outcome.quit |= quit;
    outcome
}

/// The action a background thread's report stands for.
pub fn report_action(report: Report) -> Action {
    match report {
        Report::Loaded(problems) => Action::DocumentsLoaded(Vec::new(), problems),
        Report::Measured(doc, measure) => Action::DocumentMeasured(doc, measure),
        Report::LoadFinished => Action::LoadFinished,
        Report::Refolded(folds) => Action::DocumentsRefolded(folds),
        Report::BookmarkDocument(id, result) => Action::BookmarkDocument(id, result),
        Report::Reloaded(doc, result) => Action::Reloaded(doc, result),
        Report::Results {
            generation,
            hits,
            described,
        } => Action::SearchResults {
            generation,
            hits,
            described,
        },
    }
}

/// Applies every result the background threads have ready; None when
/// there was none.
pub fn take_results(app: &mut App, services: &Services) -> Option<Outcome> {
    let mut outcome = None;
    loop {
        let report = services.worker.and_then(Worker::try_report);
        let action = match report.map(report_action) {
            Some(action) => Some(action),
            None => services.saver.and_then(Saver::try_result),
        };
        let Some(action) = action else {
            return outcome;
        };
        let ran = run(app, action, services);
        outcome = Some(outcome.unwrap_or_default().and(ran));
    }
}

/// Writes what is still waiting to be saved and applies the results, so
/// the model says what could not be kept; for the end of a session.
pub fn finish(app: &mut App, services: &Services) {
    let Some(saver) = services.saver else { return };
    // A result can ask for one more save (a re-anchor); a few rounds end it.
    for _ in 0..3 {
        let results = saver.finish();
        if results.is_empty() {
            return;
        }
        for action in results {
            let effects = update(app, action);
            let _ = run_effects(app, effects, services);
        }
    }
}

/// Carries out one effect.
fn run_effect(app: &mut App, effect: Effect, services: &Services) -> Outcome {
    let done = Outcome::default();
    match effect {
        Effect::SaveBookmarks => save_bookmarks(app, services),
        Effect::SavePositions => save_positions(app, services),
        Effect::Search {
            generation,
            query,
            snippet_width,
        } => match services.worker {
            Some(worker) => {
                worker.search(generation, query, snippet_width);
                done
            }
            None => {
                let hits = crate::search::search_parsed(&app.docs, &query);
                let described = hits.len();
                let results = Action::SearchResults {
                    generation,
                    hits,
                    described,
                };
                run(app, results, services)
            }
        },
        Effect::Copy(text) => {
            if let Some(control) = services.terminal
                && let Err(e) = control.copy(&text)
            {
                app.error(format!("could not copy: {e}"));
            }
            done
        }
        Effect::SetMouse(on) => {
            if let Some(control) = services.terminal
                && let Err(e) = control.set_mouse(on)
            {
                app.error(format!("could not change mouse capture: {e}"));
            }
            done
        }
        Effect::SaveLayout => {
            if let Some(path) = services.layout_file
                && let Err(e) = crate::layout::save_split(path, &app.split)
            {
                app.error(format!(
                    "could not keep the layout in {}: {e}",
                    path.display()
                ));
            }
            done
        }
        Effect::Suspend => {
            let Some(control) = services.terminal else {
                return done;
            };
            if let Err(e) = control.suspend() {
                app.error(format!("could not suspend: {e}"));
            }
            Outcome {
                repaint: true,
                ..done
            }
        }
        Effect::Edit { doc, line } => edit(app, doc, line, services),
        Effect::Reload(doc) => reload(app, doc, services),
        Effect::Reindex(doc) => {
            if let Some(worker) = services.worker {
                worker.replace(doc);
            }
            done
        }
        Effect::OpenExternal { opener, target } => {
            if services.terminal.is_some()
                && let Err(message) = crate::links::opener::open(&opener, &target)
            {
                app.error(message);
            }
            done
        }
        Effect::FetchBookmarkDocument { id, paths } => match services.worker {
            Some(worker) => {
                worker.fetch_for_bookmark(id, paths);
                done
            }
            None => {
                let found = crate::bookmarks::files::read_recorded(&paths);
                run(app, Action::BookmarkDocument(id, found), services)
            }
        },
        Effect::Index(doc) => {
            if let (Some(worker), Some(_)) = (services.worker, app.docs.get(doc)) {
                worker.index();
            }
            done
        }
        // Done by run_effects, after every other effect.
        Effect::Quit => done,
    }
}

/// Hands the bookmarks to the saver, or writes them in place without one.
fn save_bookmarks(app: &mut App, services: &Services) -> Outcome {
    if let Some(saver) = services.saver {
        saver.save_bookmarks(app.bookmarks.clone());
        return Outcome::default();
    }
    let Some(store) = services.store else {
        return Outcome::default();
    };
    let result = store.save_reporting(&app.bookmarks).map(|saved| {
        // The file went bad during the session: it was set aside.
        if let Some(warning) = saved.warning {
            app.error(warning);
        }
        saved.bookmarks
    });
    run(app, Action::BookmarksSaved(result), services)
}

/// Hands the reading positions to the saver, or writes them in place.
fn save_positions(app: &mut App, services: &Services) -> Outcome {
    if let Some(saver) = services.saver {
        saver.save_positions(app.reading.clone());
        return Outcome::default();
    }
    let Some(store) = services.positions else {
        return Outcome::default();
    };
    let result = store.save_reporting(&app.reading).map(|saved| {
        if let Some(warning) = saved.warning {
            app.error(warning);
        }
        saved.positions
    });
    run(app, Action::PositionsSaved(result), services)
}

/// Runs the user's editor on document `doc`, then reads it again.
fn edit(app: &mut App, doc: DocId, line: usize, services: &Services) -> Outcome {
    let Some(control) = services.terminal else {
        return Outcome::default();
    };
    let Some(crate::document::Source::File(path)) = app.docs.get(doc).map(|d| d.source.clone())
    else {
        return Outcome::default();
    };
    let repainted = Outcome {
        repaint: true,
        quit: false,
    };
    match control.edit(&path, line) {
        Ok(()) => repainted.and(reload(app, doc, services)),
        Err(message) => {
            app.error(message);
            repainted
        }
    }
}

/// Reads document `doc`'s file again: on the worker, so the keyboard never
/// waits on a slow disk, or in place without one.
fn reload(app: &mut App, doc: DocId, services: &Services) -> Outcome {
    let path = match app.docs.get(doc).map(|d| &d.source) {
        Some(crate::document::Source::File(path)) => path.clone(),
        _ => {
            let refused = Err("only files can be read again".to_string());
            return run(app, Action::Reloaded(doc, refused), services);
        }
    };
    match services.worker {
        Some(worker) => {
            worker.reload(doc, path);
            Outcome::default()
        }
        None => {
            let read = crate::corpus::read_document(&path);
            run(app, Action::Reloaded(doc, read), services)
        }
    }
}
