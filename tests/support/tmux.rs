//! A small harness that runs the real `quire` binary in a real terminal:
//! a private tmux server per test (its own `-L` socket and config), keys
//! sent with `send-keys`, and the screen read with `capture-pane -p`.
//!
//! Waiting is always polling for what the user would see, with a generous
//! deadline; a timeout panics with the last screen so a failure explains
//! itself. On drop, also when the test panics, quire is sent SIGTERM while
//! its terminal is still open, then the server is killed, then anything
//! still alive is killed, so no test leaves a process or socket behind.

#![allow(dead_code)]

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long to wait for the screen before failing. Passing tests return as
/// soon as the text appears, so this only costs time when something broke;
/// it is long because CI machines can be slow and busy.
pub const DEADLINE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// The binary under test, built by cargo for integration tests.
pub const QUIRE: &str = env!("CARGO_BIN_EXE_quire");

/// The prompt of the shell used by [`Tmux::shell`], unlikely to appear in
/// anything quire draws (`capture-pane` drops the space after it).
pub const PROMPT: &str = "e2e$";

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// Set (by `.ci/run`) to make a missing tmux fail the tests that need it
/// instead of skipping them, so CI never skips them silently.
const REQUIRED: &str = "QUIRE_REQUIRE_TMUX";

/// Whether tmux can be run. Without it, a test that drives quire in tmux
/// says it was skipped and why, and returns at once; with
/// `QUIRE_REQUIRE_TMUX` set, it fails instead.
pub fn tmux_available(test: &str) -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success());
    if found {
        return true;
    }
    assert!(
        std::env::var_os(REQUIRED).is_none(),
        "{test} needs tmux, which cannot be run: install it (apt-get install tmux)"
    );
    // Written to stderr itself, not through eprintln!, which the test
    // harness captures and hides for a test that passes.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: tmux is not installed (install it to run the end-to-end tests, \
         or set {REQUIRED}=1 to make this a failure)"
    );
    false
}

/// Calls `check` until it returns something or [`DEADLINE`] passes: for
/// what quire writes to disk in the background.
pub fn poll<T>(mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if start.elapsed() > DEADLINE {
            return None;
        }
        std::thread::sleep(POLL);
    }
}

/// One private tmux server running one pane.
pub struct Tmux {
    socket: String,
    /// Holds tmux's config file; also the config dir unless one was given.
    scratch: TempDir,
    config_dir: PathBuf,
    /// tmux leaves its socket file behind after `kill-server`.
    socket_path: Option<PathBuf>,
    /// Processes to stop on drop besides the pane's own (quire started
    /// from the shell).
    tracked: RefCell<Vec<u32>>,
}

impl Tmux {
    /// Runs `quire ARGS` directly in a `width` x `height` pane, with a fresh
    /// config dir. The pane stays after quire exits so the terminal state
    /// it left behind can be inspected.
    pub fn quire(width: u16, height: u16, args: &[&str]) -> Tmux {
        Tmux::quire_with_config(width, height, args, None)
    }

    /// Like [`Tmux::quire`], with `QUIRE_CONFIG_DIR` set to `config_dir`
    /// (to share bookmarks between runs), or a fresh one when None.
    pub fn quire_with_config(
        width: u16,
        height: u16,
        args: &[&str],
        config_dir: Option<&Path>,
    ) -> Tmux {
        let mut tmux = Tmux::server(config_dir);
        let mut command = vec![
            "env".to_string(),
            format!("QUIRE_CONFIG_DIR={}", tmux.config_dir.display()),
            QUIRE.to_string(),
        ];
        command.extend(args.iter().map(ToString::to_string));
        tmux.new_session(width, height, &command);
        tmux
    }

    /// Runs `command` (a program and its arguments) in the pane, with
    /// `$QUIRE` naming the binary and `QUIRE_CONFIG_DIR` set.
    pub fn program(width: u16, height: u16, command: &[&str]) -> Tmux {
        let mut tmux = Tmux::server(None);
        let mut full = vec![
            "env".to_string(),
            format!("QUIRE_CONFIG_DIR={}", tmux.config_dir.display()),
            format!("QUIRE={QUIRE}"),
        ];
        full.extend(command.iter().map(ToString::to_string));
        tmux.new_session(width, height, &full);
        tmux
    }

    /// Runs a plain POSIX shell (`sh`, dash on Debian, which has no line
    /// editor to hide a terminal left in raw mode), with `$QUIRE` naming the
    /// binary and `QUIRE_CONFIG_DIR` set. Waits for the prompt.
    pub fn shell(width: u16, height: u16) -> Tmux {
        let mut tmux = Tmux::server(None);
        let command = [
            "env".to_string(),
            format!("QUIRE_CONFIG_DIR={}", tmux.config_dir.display()),
            format!("QUIRE={QUIRE}"),
            format!("PS1={PROMPT} "),
            "ENV=".to_string(),
            "sh".to_string(),
        ];
        tmux.new_session(width, height, &command);
        tmux.wait_for_text(PROMPT);
        tmux
    }

    fn server(config_dir: Option<&Path>) -> Tmux {
        require_tmux();
        let scratch = tempfile::Builder::new()
            .prefix("quire-e2e-")
            .tempdir()
            .expect("create a temp dir");
        let config_dir = match config_dir {
            Some(dir) => dir.to_path_buf(),
            None => {
                let dir = scratch.path().join("config");
                fs::create_dir(&dir).expect("create the config dir");
                dir
            }
        };
        let socket = format!(
            "quire-test-{}-{}",
            std::process::id(),
            NEXT_ID.fetch_add(1, Ordering::Relaxed)
        );
        // A config of our own: the user's ~/.tmux.conf must not change what
        // the tests see. No status line, so the pane is the whole window.
        let conf = "set -g default-terminal screen-256color\n\
                    set -s escape-time 0\n\
                    set -g status off\n\
                    set -g remain-on-exit on\n\
                    set -g history-limit 0\n";
        fs::write(scratch.path().join("tmux.conf"), conf).expect("write tmux.conf");
        Tmux {
            socket,
            scratch,
            config_dir,
            socket_path: None,
            tracked: RefCell::new(Vec::new()),
        }
    }

    fn new_session(&mut self, width: u16, height: u16, command: &[String]) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h, "--"];
        args.extend(command.iter().map(String::as_str));
        self.run(&args);
        self.socket_path = Some(PathBuf::from(self.format("#{socket_path}")));
    }

    /// Also stops `pid` when the test ends (a quire started from the shell).
    pub fn track(&self, pid: u32) {
        self.tracked.borrow_mut().push(pid);
    }

    /// The config dir quire was given (`QUIRE_CONFIG_DIR`).
    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// A private scratch folder for the test (pid files and the like).
    pub fn scratch(&self) -> &Path {
        self.scratch.path()
    }

    /// Sends keys by tmux name: "j", "Enter", "Escape", "C-c", "}".
    /// Send "Escape" on its own and wait for the screen to change before
    /// the next key, or the terminal may read the pair as Alt+key.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend(keys);
        self.run(&args);
    }

    /// Types text literally, one key per character.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// What the pane shows now, one line per row.
    /// The pane with its colours and attributes as escape sequences.
    pub fn run_capture_with_escapes(&self) -> String {
        self.run(&["capture-pane", "-e", "-p", "-t", "e2e"])
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// A tmux format about the pane, such as `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "e2e", format])
            .trim()
            .to_string()
    }

    /// Polls the screen until `check` accepts it; panics with `what` and the
    /// last screen after [`DEADLINE`].
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}; the screen was:\n{}",
                    framed(&screen)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_for_no_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?} to leave the screen"), |s| {
            !s.contains(text)
        })
    }

    /// Polls a tmux format until it equals `expected`.
    pub fn wait_for_format(&self, format: &str, expected: &str) {
        let start = Instant::now();
        loop {
            let value = self.format(format);
            if value == expected {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {format} to be {expected:?} (it is {value:?}); the screen was:\n{}",
                    framed(&self.screen())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the program in the pane has exited; returns its exit
    /// status, and panics if a signal killed it.
    pub fn wait_for_exit(&self) -> i32 {
        // tmux marks the pane dead when its terminal closes, and knows the
        // status once it has reaped the process. Debian's tmux (built with
        // libutempter) sometimes misses the SIGCHLD and leaves a zombie
        // (tmux/tmux#311, #4559); a SIGCHLD sent by hand makes it look again.
        let start = Instant::now();
        let mut nudged = start;
        loop {
            let dead = self.format("#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}");
            match dead.split(':').collect::<Vec<_>>()[..] {
                ["1", status, ""] if !status.is_empty() => {
                    return status
                        .parse()
                        .unwrap_or_else(|_| panic!("exit status {status:?} is not a number"));
                }
                ["1", _, signal] if !signal.is_empty() => {
                    panic!(
                        "the program was killed by signal {signal}; the screen was:\n{}",
                        framed(&self.screen())
                    )
                }
                ["1", "", ""] if nudged.elapsed() > Duration::from_millis(500) => {
                    if let Ok(server) = self.format("#{pid}").parse() {
                        signal(server, "CHLD");
                    }
                    nudged = Instant::now();
                }
                _ => {}
            }
            if start.elapsed() > DEADLINE {
                let pid = self.pane_pid();
                let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                panic!(
                    "timed out after {DEADLINE:?} waiting for the program to exit ({dead}); pid {pid}: {stat}; the screen was:\n{}",
                    framed(&self.screen())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The process id of the program the pane was started with.
    pub fn pane_pid(&self) -> u32 {
        let pid = self.format("#{pane_pid}");
        pid.parse()
            .unwrap_or_else(|_| panic!("pane pid {pid:?} is not a number"))
    }

    /// Closes the terminal under the program, as closing a terminal window
    /// does: the pane goes away (its program gets SIGHUP and end of file).
    /// Another window keeps the server, the program's parent, alive.
    pub fn close_terminal(&self) {
        self.run(&["new-window", "-d", "-t", "e2e:9", "--", "sleep", "600"]);
        self.run(&["kill-pane", "-t", "e2e:0.0"]);
    }

    /// Resizes the window, as a user dragging the terminal would.
    pub fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    fn run(&self, args: &[&str]) -> String {
        let output = self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run tmux {args:?}: {e}"));
        check(args, &output);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("tmux");
        // -u: UTF-8 even when the locale does not say so (CI often has none).
        command
            .args(["-u", "-L", &self.socket, "-f"])
            .arg(self.scratch.path().join("tmux.conf"))
            .args(args);
        // Inside a user's tmux, TMUX would point at their server.
        command.env_remove("TMUX");
        command
    }
}

impl Drop for Tmux {
    /// Also runs when a test panics, so it ignores errors (the server may
    /// have gone already) and never hides the real failure.
    fn drop(&mut self) {
        // Stop quire while its terminal is still open, as a user would;
        // killing the server first would close the terminal under it.
        let mut pids = self.tracked.borrow().clone();
        let pane = self
            .command(&[
                "display-message",
                "-p",
                "-t",
                "e2e",
                "#{pane_dead} #{pane_pid}",
            ])
            .output();
        if let Ok(out) = pane
            && let Some(("0", pid)) = String::from_utf8_lossy(&out.stdout).trim().split_once(' ')
            && let Ok(pid) = pid.parse()
        {
            pids.push(pid);
        }
        pids.retain(|&pid| process_alive(pid));
        for &pid in &pids {
            signal(pid, "TERM");
        }
        let start = Instant::now();
        while pids.iter().any(|&pid| process_alive(pid)) && start.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(POLL);
        }
        let _ = self.command(&["kill-server"]).output();
        // Whatever survived both (an interactive shell ignores SIGTERM;
        // a quire whose terminal closed may spin) must not outlive the test.
        for &pid in &pids {
            if process_alive(pid) {
                signal(pid, "KILL");
            }
        }
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

/// Sends `SIG<name>` to `pid` with kill(1); false if that failed.
pub fn signal(pid: u32, name: &str) -> bool {
    Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The processes whose parent is `pid`.
pub fn children(pid: u32) -> Vec<u32> {
    let output = Command::new("pgrep")
        .args(["-P", &pid.to_string()])
        .output()
        .expect("run pgrep");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// True while `pid` runs. A zombie (exited, not yet reaped: its parent
/// may be an init that reaps slowly) counts as gone.
pub fn process_alive(pid: u32) -> bool {
    if Path::new("/proc/self/stat").exists() {
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            return false;
        };
        // The state follows the command name, which is in parentheses.
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next());
        return state != Some("Z");
    }
    signal(pid, "0")
}

/// Waits up to [`DEADLINE`] for `pid` to exit; false if it did not.
pub fn wait_for_process_exit(pid: u32) -> bool {
    let start = Instant::now();
    while process_alive(pid) {
        if start.elapsed() > DEADLINE {
            return false;
        }
        std::thread::sleep(POLL);
    }
    true
}

fn check(args: &[&str], output: &Output) {
    if !output.status.success() {
        panic!(
            "tmux {args:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
}

/// Fails the test with a clear message when tmux is missing: these tests
/// must never pass by skipping.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`tmux -V` failed ({}): the end-to-end tests need a working tmux",
            output.status
        ),
        Err(e) => panic!(
            "cannot run tmux ({e}): the end-to-end tests drive quire in tmux; install it (apt-get install tmux, brew install tmux)"
        ),
    }
}

/// The screen with a frame, so trailing blanks and empty rows show.
pub fn framed(screen: &str) -> String {
    screen.lines().map(|l| format!("|{l}|\n")).collect()
}

/// The rows of the screen, as text.
pub fn rows(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

/// The last row (quire's status bar). quire draws rows top to bottom, so
/// once the status bar shows a frame's text, the rows above show that frame.
pub fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The bottom rows, where a message longer than the status bar wraps
/// (upwards, over the panes), as one line: long messages are found whole.
pub fn status_area(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().map(str::trim_end).collect();
    rows[rows.len().saturating_sub(6)..].join(" ")
}

/// Columns `from..to` of a row, counted in characters (quire draws no wide
/// characters in the bundled titles).
pub fn columns(row: &str, from: usize, to: usize) -> String {
    row.chars()
        .skip(from)
        .take(to.saturating_sub(from))
        .collect()
}
