//! The event loop, generic over the ratatui backend and the event source so
//! whole sessions run in tests against `TestBackend` with scripted keys.
//! It turns events into actions, applies them with `update()`, carries out
//! the effects (saving bookmarks) and draws.

use crate::action::{Action, Effect};
use crate::app::App;
use crate::bookmarks::store::Store;
use crate::update::update;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyEvent, KeyEventKind};
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often time passes for the model (status messages expire).
pub const TICK: Duration = Duration::from_millis(250);

/// What the loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Resize(u16, u16),
    /// SIGTERM, SIGHUP or SIGINT arrived, or a script ended: quit cleanly.
    Interrupt,
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or None if `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Events from the real terminal, plus a flag set by signal handlers.
pub struct TerminalEvents {
    pub interrupted: Arc<AtomicBool>,
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if self.interrupted.load(Ordering::Relaxed) {
            return Ok(Some(Event::Interrupt));
        }
        // Poll in short slices so a signal is noticed quickly.
        if !event::poll(timeout.min(Duration::from_millis(100)))? {
            // A terminal that has gone away (closed window, dropped ssh) may
            // not send SIGHUP to us; its size can no longer be read.
            if ratatui::crossterm::terminal::size().is_err() {
                return Ok(Some(Event::Interrupt));
            }
            return Ok(None);
        }
        Ok(match event::read()? {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => Some(Event::Key(key)),
            TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
            _ => None,
        })
    }
}

/// A fixed list of events; when it runs out, the session ends.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    events: VecDeque<Event>,
}

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = Event>) -> ScriptedEvents {
        ScriptedEvents {
            events: events.into_iter().collect(),
        }
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(Some(self.events.pop_front().unwrap_or(Event::Interrupt)))
    }
}

/// Runs the app until it quits. `store` receives bookmark saves; None
/// keeps them in memory (tests of other things).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
    store: Option<&Store>,
) -> io::Result<()> {
    let backend_error = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(backend_error)?;
    update(app, Action::Resize(size.width, size.height));
    let mut last_tick = Instant::now();
    // Draw only when something may have changed, so an idle quire uses no CPU.
    let mut dirty = true;
    loop {
        if app.unsaved {
            app.unsaved = false;
            apply_effect(app, Effect::SaveBookmarks, store);
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|frame| crate::ui::render(app, frame))
                .map_err(backend_error)?;
            dirty = false;
        }
        let event = events.next(TICK.saturating_sub(last_tick.elapsed()))?;
        if last_tick.elapsed() >= TICK {
            let had_status = app.status.is_some();
            update(
                app,
                Action::Tick(crate::bookmarks::millis(std::time::SystemTime::now())),
            );
            dirty |= had_status != app.status.is_some();
            last_tick = Instant::now();
        }
        let action = match event {
            Some(Event::Key(key)) => app.keymap.action_for(app.mode(), key.into()),
            Some(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            Some(Event::Interrupt) => Some(Action::Quit),
            None => None,
        };
        if let Some(action) = action {
            dirty = true;
            if apply(app, action, store) {
                return Ok(());
            }
        }
    }
}

/// Applies an action and carries out its effect; true when quitting.
pub fn apply(app: &mut App, action: Action, store: Option<&Store>) -> bool {
    match update(app, action) {
        Some(effect) => apply_effect(app, effect, store),
        None => false,
    }
}

/// Carries out an effect; true when quitting.
fn apply_effect(app: &mut App, effect: Effect, store: Option<&Store>) -> bool {
    match effect {
        Effect::SaveBookmarks => {
            if let Some(store) = store {
                let result = store.save(&app.bookmarks);
                update(app, Action::BookmarksSaved(result));
            }
            false
        }
        Effect::Quit => true,
    }
}

/// Registers SIGTERM, SIGHUP and SIGINT to set the returned flag, so the
/// loop can quit and restore the terminal instead of dying mid-screen.
pub fn watch_signals() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Puts the terminal back: raw mode off, main screen, cursor visible.
pub fn restore_terminal() {
    ratatui::restore();
    let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::cursor::Show);
}
