//! A pseudo-terminal harness: the real `quire` binary on a pty whose output
//! is fed to a `vt100` terminal emulator, with callbacks that count what a
//! real terminal would have done (ring, retitle, write the clipboard) and a
//! watch on the modes it switched (alternate screen, mouse reporting).
//!
//! The pty comes from `portable-pty` (wezterm's): it makes the child a
//! session leader with the pty as its controlling terminal, which the
//! standard-input case needs (crossterm then reads keys from `/dev/tty`),
//! and it does so without `unsafe` `pre_exec` code in the tests.
//!
//! Nothing here depends on timing: the screen is polled until expected text
//! appears, with deadlines long enough for a loaded two-core machine.

#![allow(dead_code)]
#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Generous: several builds may share the two cores while this runs.
pub const DEADLINE: Duration = Duration::from_secs(90);
/// Counts what a terminal would have acted on.
#[derive(Debug, Default)]
pub struct Oracle {
    pub bells: usize,
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
    pub unhandled: BTreeSet<String>,
}

impl vt100::Callbacks for Oracle {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard.push(ty.to_vec());
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled.insert(format!("control {b:#x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.unhandled
            .insert(format!("escape {i1:?} {i2:?} {:?}", b as char));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let i = |x: Option<u8>| x.map(|b| (b as char).to_string()).unwrap_or_default();
        self.unhandled
            .insert(format!("csi {}{}{params:?}{c}", i(i1), i(i2)));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let shown: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.unhandled.insert(format!("osc {shown:?}"));
    }
}

/// Terminal state changes seen after each chunk of output.
#[derive(Debug, Default)]
pub struct Watch {
    /// Every mouse mode other than "none" that was ever switched on.
    pub mouse_modes: Vec<String>,
    /// Main -> alternate and alternate -> main switches, in order.
    pub screen_switches: Vec<bool>,
}

pub struct Shared {
    pub parser: vt100::Parser<Oracle>,
    pub raw: Vec<u8>,
    pub watch: Watch,
}

/// How a session ended.
pub struct Ended {
    pub status: ExitStatus,
    /// The terminal was left in cooked mode (see [`Session::cooked`]).
    pub cooked: bool,
    /// What quire wrote and what the emulator made of it.
    pub shared: Shared,
}

/// A running quire on a pty, with a thread feeding its output to vt100.
pub struct Session {
    shared: Arc<Mutex<Shared>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(cmd: CommandBuilder) -> Session {
        Session::start_sized(cmd, ROWS, COLS)
    }

    /// Like [`Session::start`] on a pane of `rows` by `cols`: for screens
    /// whose lines must show whole, unwrapped and untruncated.
    pub fn start_sized(cmd: CommandBuilder, rows: u16, cols: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let child = pty.slave.spawn_command(cmd).expect("spawn quire");
        // Only the child may hold the slave: the master then reads EOF (EIO)
        // when quire exits.
        drop(pty.slave);
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new_with_callbacks(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("columns"),
                0,
                Oracle::default(),
            ),
            raw: Vec::new(),
            watch: Watch::default(),
        }));
        let mut source = pty.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&shared);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = source.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = sink.lock().expect("lock");
                s.raw.extend_from_slice(&buf[..n]);
                let alternate_before = s.parser.screen().alternate_screen();
                s.parser.process(&buf[..n]);
                let screen = s.parser.screen();
                let (alternate, mouse) = (screen.alternate_screen(), screen.mouse_protocol_mode());
                if alternate != alternate_before {
                    s.watch.screen_switches.push(alternate);
                }
                if mouse != vt100::MouseProtocolMode::None {
                    s.watch.mouse_modes.push(format!("{mouse:?}"));
                }
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Session {
            shared,
            writer,
            child,
            reader: Some(reader),
            _master: pty.master,
        }
    }

    pub fn screen(&self) -> String {
        self.shared.lock().expect("lock").parser.screen().contents()
    }

    /// Waits until `found` holds for the screen; panics with the screen
    /// when the deadline passes.
    pub fn wait_until(&mut self, what: &str, found: impl Fn(&str) -> bool) -> String {
        self.wait_until_within(Instant::now(), DEADLINE, what, found)
    }

    /// Like [`Session::wait_until`], with a deadline of `limit` counted
    /// from `start`: for a guard against quire hanging on some input.
    pub fn wait_until_within(
        &mut self,
        start: Instant,
        limit: Duration,
        what: &str,
        found: impl Fn(&str) -> bool,
    ) -> String {
        loop {
            let screen = self.screen();
            if found(&screen) {
                return screen;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!("no {what} after {limit:?}; screen:\n{screen}");
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("quire exited ({status:?}) while waiting for {what}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for quire to exit with success and returns what it wrote and
    /// what the emulator saw.
    pub fn finish(self) -> (Vec<u8>, Shared) {
        let ended = self.finish_with_status();
        assert!(
            ended.status.success(),
            "quire exited with {:?}",
            ended.status
        );
        (ended.shared.raw.clone(), ended.shared)
    }

    /// Waits for quire to exit, however it ends.
    pub fn finish_with_status(mut self) -> Ended {
        let start = Instant::now();
        let status = loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("quire did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
        };
        let cooked = self.cooked();
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        let shared = Arc::try_unwrap(self.shared)
            .ok()
            .expect("reader thread is done")
            .into_inner()
            .expect("lock");
        Ended {
            status,
            cooked,
            shared,
        }
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_for_gone(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text} to go"), |s| !s.contains(text))
    }

    /// The process id of quire (the pty's session leader).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("quire's pid")
    }

    /// Sends `signal` to quire.
    pub fn signal(&self, signal: i32) {
        let pid = libc::pid_t::try_from(self.pid()).expect("pid fits");
        // SAFETY: kill(2) with a pid this test started and a valid signal.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal}) failed");
    }

    /// The terminal's line discipline as the shell will find it: true when
    /// in canonical mode with echo on (cooked), false when left raw. The
    /// master reads the slave's settings, which outlive the program.
    pub fn cooked(&self) -> bool {
        let fd = self._master.as_raw_fd().expect("the pty's master fd");
        // SAFETY: a zeroed termios is a valid value for tcgetattr to fill.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is the master of a pty this session holds open.
        let got = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(got, 0, "tcgetattr on the pty");
        let wanted = libc::ICANON | libc::ECHO;
        termios.c_lflag & wanted == wanted
    }
}

/// quire captures the mouse by default; these tests turn that off in the
/// config so any mouse mode the oracle sees could only come from a file.
pub fn without_mouse(config: &Path) {
    std::fs::create_dir_all(config).unwrap();
    std::fs::write(config.join("config.toml"), "mouse = false\n").unwrap();
}

pub fn quire(args: &[&OsStr], config: &Path) -> CommandBuilder {
    without_mouse(config);
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_quire"));
    cmd.args(args);
    cmd.env("QUIRE_CONFIG_DIR", config);
    cmd.env("TERM", "xterm-256color");
    cmd
}
