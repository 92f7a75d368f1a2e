//! The event loop, generic over the ratatui backend and the event source so
//! whole sessions run in tests against `TestBackend` with scripted keys.
//! It turns events into actions, applies them with `update()`, carries out
//! the effects (saving bookmarks) and draws.

use crate::action::MouseKind;
use crate::action::{Action, Effect};
use crate::app::App;
use crate::bookmarks::store::Store;
use crate::signals::Signals;
use crate::terminal::TerminalControl;
use crate::update::update;
use crate::worker::{Report, Worker};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

/// How often time passes for the model (status messages expire).
pub const TICK: Duration = Duration::from_millis(250);

/// What the loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    Paste(String),
    Resize(u16, u16),
    Mouse(MouseKind, u16, u16),
    /// A signal arrived, the terminal went away, or a script ended: quit
    /// cleanly.
    Interrupt,
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or None if `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;

    /// An event that has already arrived, if any, without waiting for one.
    fn next_waiting(&mut self) -> io::Result<Option<Event>> {
        self.next(Duration::ZERO)
    }
}

/// Events from the real terminal, plus the signals that end quire and a
/// watch on the terminal itself going away.
pub struct TerminalEvents {
    signals: Signals,
    /// What crossterm reads keys from, watched for a hangup.
    #[cfg(unix)]
    tty: Option<Box<dyn std::os::fd::AsFd>>,
    /// The signal the session ended with (SIGHUP for a terminal that went
    /// away without sending it), for the exit status.
    ended_by: Option<i32>,
}

impl TerminalEvents {
    pub fn new(signals: Signals) -> TerminalEvents {
        TerminalEvents {
            signals,
            #[cfg(unix)]
            tty: keyboard(),
            ended_by: None,
        }
    }

    /// The exit status for how the session ended: 0 when the user quit,
    /// 128 + the signal's number after a signal or a closed terminal.
    pub fn exit_status(&self) -> u8 {
        let hangup = || self.gone().then_some(crate::signals::HANGUP);
        self.ended_by
            .or_else(hangup)
            .map_or(0, crate::signals::exit_status)
    }

    fn gone(&self) -> bool {
        #[cfg(unix)]
        if let Some(tty) = &self.tty {
            return crate::terminal::hung_up(tty.as_fd());
        }
        false
    }
}

/// What crossterm reads keys from (its `use-dev-tty` rule): standard input
/// when it is a terminal, else `/dev/tty`.
#[cfg(unix)]
fn keyboard() -> Option<Box<dyn std::os::fd::AsFd>> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        return Some(Box::new(io::stdin()));
    }
    let tty = std::fs::File::open("/dev/tty").ok()?;
    Some(Box::new(tty))
}

impl EventSource for TerminalEvents {
    /// crossterm's poll with a zero timeout does not look at the events it
    /// has read and not yet parsed (a 1 KB read holds hundreds of keys), so
    /// it would end every burst after one key: a millisecond lets it.
    fn next_waiting(&mut self) -> io::Result<Option<Event>> {
        self.next(Duration::from_millis(1))
    }

    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if let Some(signal) = self.signals.received() {
            self.ended_by = Some(signal);
            return Ok(Some(Event::Interrupt));
        }
        // Poll in short slices so a signal or a hangup is noticed quickly.
        // A terminal that went away reads as no event (crossterm retries
        // its empty reads until the slice ends) or an error: only then is
        // it asked whether it hung up, not on every key.
        let ready = event::poll(timeout.min(Duration::from_millis(100)));
        if !matches!(ready, Ok(true)) && self.gone() {
            self.ended_by = Some(crate::signals::HANGUP);
            return Ok(Some(Event::Interrupt));
        }
        if !ready? {
            return Ok(None);
        }
        Ok(match event::read()? {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => Some(Event::Key(key)),
            TermEvent::Paste(text) => Some(Event::Paste(text)),
            TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
            TermEvent::Mouse(m) => {
                mouse_kind(m.kind).map(|kind| Event::Mouse(kind, m.column, m.row))
            }
            _ => None,
        })
    }
}

fn mouse_kind(kind: MouseEventKind) -> Option<MouseKind> {
    Some(match kind {
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Press,
        MouseEventKind::Drag(MouseButton::Left) => MouseKind::Drag,
        MouseEventKind::Up(MouseButton::Left) => MouseKind::Release,
        _ => return None,
    })
}

/// A fixed list of events; when it runs out, the session ends.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    events: VecDeque<Event>,
    /// All events are waiting at once (keys typed faster than quire
    /// draws); else each comes after the screen was drawn for the last.
    at_once: bool,
}

impl ScriptedEvents {
    /// Events that come one at a time, like keys a person types.
    pub fn new(events: impl IntoIterator<Item = Event>) -> ScriptedEvents {
        ScriptedEvents {
            events: events.into_iter().collect(),
            at_once: false,
        }
    }

    /// Events that are all waiting at once, like a flood of keys.
    pub fn at_once(events: impl IntoIterator<Item = Event>) -> ScriptedEvents {
        ScriptedEvents {
            at_once: true,
            ..ScriptedEvents::new(events)
        }
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(Some(self.events.pop_front().unwrap_or(Event::Interrupt)))
    }

    fn next_waiting(&mut self) -> io::Result<Option<Event>> {
        if !self.at_once {
            return Ok(None);
        }
        self.next(Duration::ZERO)
    }
}

/// What the loop hands work to: the bookmarks store (None keeps bookmarks
/// in memory) and the background worker (None searches in place, for tests
/// and small document sets).
#[derive(Default, Clone, Copy)]
pub struct Services<'a> {
    pub store: Option<&'a Store>,
    pub worker: Option<&'a Worker>,
    /// Suspending, the editor and the clipboard; None ignores them.
    pub terminal: Option<&'a dyn TerminalControl>,
    /// Where the pane layout is kept between sessions.
    pub layout_file: Option<&'a std::path::Path>,
    /// Where reading positions are kept.
    pub positions: Option<&'a crate::positions::store::PositionStore>,
}

/// Runs the app until it quits. If the terminal stops working (a read or
/// a write fails), the app still quits, saving what it keeps, before the
/// error is returned.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
    services: &Services,
) -> io::Result<()> {
    let result = run_until_quit(terminal, app, events, services);
    if result.is_err() && !app.should_quit {
        apply(app, Action::QuitNow, services);
    }
    result
}

fn run_until_quit<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
    services: &Services,
) -> io::Result<()> {
    let backend_error = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(backend_error)?;
    apply(app, Action::Resize(size.width, size.height), services);
    let mut last_tick = Instant::now();
    // Draw only when something may have changed, so an idle quire uses no CPU.
    let mut dirty = true;
    // An event taken but not yet applied: the first after a long burst.
    let mut waiting = None;
    loop {
        if let Some(worker) = services.worker {
            while let Some(report) = worker.try_report() {
                dirty = true;
                take_report(app, report, services);
            }
        }
        if app.unsaved {
            app.unsaved = false;
            apply_effect(app, Effect::SaveBookmarks, services);
            dirty = true;
        }
        if app.full_redraw {
            // The screen was given to another program: draw every cell.
            app.full_redraw = false;
            terminal.clear().map_err(backend_error)?;
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|frame| crate::ui::render(app, frame))
                .map_err(backend_error)?;
            dirty = false;
        }
        // While background work is under way, look for its reports often.
        let busy = app.loading || app.searching;
        let wait = if busy {
            BUSY_POLL
        } else {
            TICK.saturating_sub(last_tick.elapsed())
        };
        let event = match waiting.take() {
            Some(event) => Some(event),
            None => events.next(wait)?,
        };
        if last_tick.elapsed() >= TICK {
            let had_status = app.status.is_some();
            update(
                app,
                Action::Tick(crate::bookmarks::millis(std::time::SystemTime::now())),
            );
            dirty |= had_status != app.status.is_some() || busy;
            last_tick = Instant::now();
        }
        let Some(event) = event else { continue };
        dirty = true;
        match apply_burst(app, event, events, services)? {
            Burst::Quit => return Ok(()),
            Burst::Done => {}
            Burst::Cut(event) => waiting = Some(event),
        }
    }
}

/// How a burst of events ended.
enum Burst {
    Quit,
    /// No more events were waiting.
    Done,
    /// [`BURST`] events were taken; this one is next, after a redraw.
    Cut(Event),
}

/// The most events taken in one go before the screen is drawn again.
const BURST: usize = 4096;

/// Applies `first` and every event already waiting behind it, before the
/// screen is drawn again. Characters typed into an input line in a row are
/// inserted as one text, so keys that arrive faster than quire searches
/// (a paste in a terminal without bracketed paste, a key held down) search
/// once, not once per key.
fn apply_burst(
    app: &mut App,
    first: Event,
    events: &mut dyn EventSource,
    services: &Services,
) -> io::Result<Burst> {
    let mut typed = String::new();
    let mut next = Some(first);
    for _ in 0..BURST {
        let Some(event) = next else { break };
        let action = match event {
            Event::Key(key) => app.keymap.action_for(app.mode(), key.into()),
            Event::Paste(text) => Some(Action::InsertText(text)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(kind, column, row) => Some(Action::Mouse { kind, column, row }),
            Event::Interrupt => Some(Action::QuitNow),
        };
        match action {
            // Typing does not change the mode, so the next key maps as if
            // this one had been applied.
            Some(Action::Insert(c)) => typed.push(c),
            Some(action) => {
                let quit = flush_typed(app, &mut typed, services) || apply(app, action, services);
                if quit {
                    return Ok(Burst::Quit);
                }
            }
            None => {}
        }
        next = events.next_waiting()?;
    }
    if flush_typed(app, &mut typed, services) {
        return Ok(Burst::Quit);
    }
    Ok(next.map_or(Burst::Done, Burst::Cut))
}

/// Inserts the characters typed so far, as one text; true when quitting.
fn flush_typed(app: &mut App, typed: &mut String, services: &Services) -> bool {
    let text = std::mem::take(typed);
    !text.is_empty() && apply(app, Action::InsertText(text), services)
}

/// How long to wait for a key while searching or loading, so results show
/// up within a frame.
const BUSY_POLL: Duration = Duration::from_millis(8);

/// Applies what a background thread reported.
fn take_report(app: &mut App, report: Report, services: &Services) {
    apply(app, report_action(report), services);
}

fn report_action(report: Report) -> Action {
    match report {
        Report::Loaded(problems) => Action::DocumentsLoaded(Vec::new(), problems),
        Report::Measured(doc, measure) => Action::DocumentMeasured(doc, measure),
        Report::LoadFinished => Action::LoadFinished,
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

/// Applies an action and carries out its effects; true when quitting.
pub fn apply(app: &mut App, action: Action, services: &Services) -> bool {
    let mut quit = match update(app, action) {
        Some(effect) => apply_effect(app, effect, services),
        None => false,
    };
    while !app.effects.is_empty() {
        for effect in std::mem::take(&mut app.effects) {
            quit |= apply_effect(app, effect, services);
        }
    }
    quit
}

/// Carries out an effect; true when quitting.
fn apply_effect(app: &mut App, effect: Effect, services: &Services) -> bool {
    match effect {
        Effect::SaveBookmarks => {
            if let Some(store) = services.store {
                let result = store.save_reporting(&app.bookmarks).map(|saved| {
                    // The file went bad during the session: it was set aside.
                    if let Some(warning) = saved.warning {
                        app.error(warning);
                    }
                    saved.bookmarks
                });
                // Saved after the user asked to quit: quit now.
                if let Some(effect) = update(app, Action::BookmarksSaved(result)) {
                    return apply_effect(app, effect, services);
                }
            }
            false
        }
        Effect::Search {
            generation,
            query,
            snippet_width,
        } => {
            match services.worker {
                Some(worker) => worker.search(generation, query, snippet_width),
                None => {
                    let hits = crate::search::search_parsed(&app.docs, &query);
                    let described = hits.len();
                    update(
                        app,
                        Action::SearchResults {
                            generation,
                            hits,
                            described,
                        },
                    );
                }
            }
            false
        }
        Effect::Copy(text) => {
            if let Some(control) = services.terminal
                && let Err(e) = control.copy(&text)
            {
                app.error(format!("could not copy: {e}"));
            }
            false
        }
        Effect::SetMouse(on) => {
            if let Some(control) = services.terminal
                && let Err(e) = control.set_mouse(on)
            {
                app.error(format!("could not change mouse capture: {e}"));
            }
            false
        }
        Effect::SavePositions => {
            if let Some(store) = services.positions {
                let result = store.save_reporting(&app.reading).map(|saved| {
                    if let Some(warning) = saved.warning {
                        app.error(warning);
                    }
                    saved.positions
                });
                update(app, Action::PositionsSaved(result));
            }
            false
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
            false
        }
        Effect::Suspend => {
            if let Some(control) = services.terminal {
                if let Err(e) = control.suspend() {
                    app.error(format!("could not suspend: {e}"));
                }
                app.full_redraw = true;
            }
            false
        }
        Effect::Edit { doc, line } => {
            let Some(control) = services.terminal else {
                return false;
            };
            let Some(crate::document::Source::File(path)) =
                app.docs.get(doc).map(|d| d.source.clone())
            else {
                return false;
            };
            app.full_redraw = true;
            match control.edit(&path, line) {
                Ok(()) => apply_effect(app, Effect::Reload(doc), services),
                Err(message) => {
                    app.error(message);
                    false
                }
            }
        }
        Effect::Reload(doc) => {
            let path = match app.docs.get(doc).map(|d| &d.source) {
                Some(crate::document::Source::File(path)) => path.clone(),
                _ => {
                    let refused = Err("only files can be read again".to_string());
                    return apply(app, Action::Reloaded(doc, refused), services);
                }
            };
            // The worker reads the file, so the keyboard never waits on it.
            match services.worker {
                Some(worker) => {
                    worker.reload(doc, path);
                    false
                }
                None => {
                    let read = crate::corpus::read_document(&path);
                    apply(app, Action::Reloaded(doc, read), services)
                }
            }
        }
        Effect::Reindex(doc) => {
            if let Some(worker) = services.worker {
                worker.replace(crate::store::DocId(doc));
            }
            false
        }
        Effect::Quit => true,
    }
}
