//! What quire asks of the real terminal outside of drawing: leaving it for
//! taking it over and giving it back (on every way out: quit, signals, a
//! closed terminal, a panic), leaving it for a while (suspend with Ctrl-z,
//! run the user's editor) and writing to the system clipboard with OSC 52.
//! Behind a trait so the event loop can be tested without a terminal.

use base64::Engine;
use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

/// Terminal operations the event loop needs besides drawing.
pub trait TerminalControl {
    /// Gives the terminal back to the shell and stops until `fg`.
    fn suspend(&self) -> io::Result<()>;
    /// Runs `$VISUAL`/`$EDITOR` on `path` at `line`, with the terminal
    /// restored while it runs.
    fn edit(&self, path: &Path, line: usize) -> Result<(), String>;
    /// Puts `text` on the system clipboard.
    fn copy(&self, text: &str) -> io::Result<()>;
    /// Turns mouse capture on or off.
    fn set_mouse(&self, on: bool) -> io::Result<()>;
}

/// The real terminal, through crossterm and ratatui.
pub struct RealTerminal;

/// Whether quire turned mouse capture on, so restoring the terminal turns
/// it off only then (and writes nothing it does not need to).
static MOUSE_CAPTURED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns mouse capture off if quire turned it on.
pub fn release_mouse() {
    if MOUSE_CAPTURED.swap(false, std::sync::atomic::Ordering::Relaxed) {
        let _ = ratatui::crossterm::execute!(
            io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture
        );
    }
}

/// The OSC 52 sequence that asks the terminal to set the clipboard. The
/// text is base64-encoded, so nothing in it can act as a control sequence.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split on
/// whitespace so `EDITOR="code -w"` works.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> Vec<String> {
    let chosen = visual
        .filter(|v| !v.trim().is_empty())
        .or(editor.filter(|e| !e.trim().is_empty()));
    let chosen = chosen.unwrap_or_else(|| "vi".to_string());
    chosen.split_whitespace().map(String::from).collect()
}

/// Takes over the terminal for the reader: raw mode, the alternate screen
/// and bracketed paste (so a paste arrives as text, never as keys), with a
/// panic hook that gives it back first, so a crash leaves a usable shell.
pub fn start() -> io::Result<ratatui::DefaultTerminal> {
    restore_on_panic();
    let taken = enter(false).and_then(|()| {
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
    });
    if taken.is_err() {
        // Raw mode may be on although the rest failed.
        restore();
    }
    taken
}

/// The terminal held for a reading session: taken over by
/// [`Session::start`] (with mouse capture if asked), given back when it is
/// dropped, whichever way the session ends (a return, an error passed on
/// with `?`, a panic unwinding), besides the panic hook and the signals.
pub struct Session {
    /// Never dropped: ratatui's `Terminal` shows the cursor when dropped
    /// and reports failing to with `eprintln!`, which panics when stderr is
    /// a terminal that went away; [`restore`] shows it already.
    terminal: std::mem::ManuallyDrop<ratatui::DefaultTerminal>,
}

impl Session {
    /// Takes the terminal over; `mouse` turns mouse capture on.
    pub fn start(mouse: bool) -> io::Result<Session> {
        let session = Session {
            terminal: std::mem::ManuallyDrop::new(start()?),
        };
        if mouse {
            // Without it the wheel and clicks do nothing; not worth ending.
            let _ = RealTerminal.set_mouse(true);
        }
        Ok(session)
    }
}

impl std::ops::Deref for Session {
    type Target = ratatui::DefaultTerminal;

    fn deref(&self) -> &Self::Target {
        &self.terminal
    }
}

impl std::ops::DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.terminal
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back however quire leaves it (quit, signal, closed
/// terminal, panic, suspend, the editor): mouse reporting and bracketed
/// paste off, raw mode off, the main screen, the cursor shown. That is
/// everything quire changes (it asks for no keyboard enhancement flags,
/// so there are none to pop). Errors are ignored: there is nothing better
/// to do with a terminal that is gone.
pub fn restore() {
    use ratatui::crossterm::{cursor, event, terminal};
    release_mouse();
    let _ = terminal::disable_raw_mode();
    let _ = ratatui::crossterm::execute!(
        io::stdout(),
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal before the panic message is printed, so it can
/// be read and the shell works afterwards.
fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Whether the terminal has gone away (its window closed, the ssh session
/// dropped): reading it then returns end of file at once, which crossterm
/// retries until its poll times out, so without this check quire would
/// spin instead of noticing. `tty` is what crossterm reads: standard input
/// when it is a terminal, else `/dev/tty`.
#[cfg(unix)]
pub fn hung_up(tty: std::os::fd::BorrowedFd<'_>) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut fds = [PollFd::new(&tty, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&now)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => false,
    }
}

/// Gives the terminal back; true if the mouse was captured, to restore it.
fn leave() -> bool {
    let captured = MOUSE_CAPTURED.load(std::sync::atomic::Ordering::Relaxed);
    restore();
    captured
}

fn enter(mouse: bool) -> io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    if mouse {
        RealTerminal.set_mouse(true)?;
    }
    Ok(())
}

impl TerminalControl for RealTerminal {
    fn suspend(&self) -> io::Result<()> {
        let mouse = leave();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Execution continues here after `fg` (SIGCONT).
        enter(mouse)
    }

    fn edit(&self, path: &Path, line: usize) -> Result<(), String> {
        let command = editor_command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok());
        let (program, args) = command.split_first().ok_or("no editor set: set $EDITOR")?;
        let mouse = leave();
        let status = Command::new(program)
            .args(args)
            .arg(format!("+{line}"))
            .arg(path)
            .status();
        enter(mouse).map_err(|e| format!("cannot return to the terminal: {e}"))?;
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("{program} exited with {s}")),
            Err(e) => Err(format!(
                "cannot run {program}: {e}; set $EDITOR to your editor"
            )),
        }
    }

    fn copy(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(osc52(text).as_bytes())?;
        out.flush()
    }

    fn set_mouse(&self, on: bool) -> io::Result<()> {
        use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
        MOUSE_CAPTURED.store(on, std::sync::atomic::Ordering::Relaxed);
        if on {
            ratatui::crossterm::execute!(io::stdout(), EnableMouseCapture)
        } else {
            ratatui::crossterm::execute!(io::stdout(), DisableMouseCapture)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_only_base64() {
        let sequence = osc52("evil \u{1b}]0;title\u{7} text");
        assert!(sequence.starts_with("\u{1b}]52;c;"));
        assert!(sequence.ends_with('\u{7}'));
        let body = &sequence[7..sequence.len() - 1];
        assert!(
            body.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
            "{body}"
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(decoded, "evil \u{1b}]0;title\u{7} text".as_bytes());
    }

    #[test]
    fn editor_comes_from_visual_then_editor_then_vi() {
        assert_eq!(
            editor_command(Some("nvim".into()), Some("nano".into())),
            vec!["nvim"]
        );
        assert_eq!(
            editor_command(Some(" ".into()), Some("code -w".into())),
            vec!["code", "-w"]
        );
        assert_eq!(editor_command(None, None), vec!["vi"]);
    }
}
