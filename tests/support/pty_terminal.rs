//! The real `quire` binary on a pseudo-terminal from `portable-pty`
//! (wezterm's): what it writes is collected by a thread until it exits, and
//! the screen a terminal would show comes from the `vt100` emulator. Waits
//! poll the screen with a generous deadline; nothing depends on timing.

#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const QUIRE: &str = env!("CARGO_BIN_EXE_quire");
/// Generous: several builds may share the two cores while tests run.
const DEADLINE: Duration = Duration::from_secs(90);
pub const ROWS: u16 = 30;
pub const COLS: u16 = 120;

/// What a program wrote to a pseudo-terminal, read by a thread until it
/// exits, and the screen a terminal would show.
pub struct Terminal {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<std::thread::JoinHandle<()>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Terminal {
    pub fn start(config: &Path, args: &[&OsStr]) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                ..PtySize::default()
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(QUIRE);
        cmd.args(args);
        cmd.env("QUIRE_CONFIG_DIR", config);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).expect("spawn quire");
        drop(pty.slave);
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let mut source = pty.master.try_clone_reader().expect("pty reader");
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = source.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Terminal {
            output,
            writer: pty.master.take_writer().expect("pty writer"),
            child,
            reader: Some(reader),
            _master: pty.master,
        }
    }

    pub fn screen(&self) -> String {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        parser.process(&self.output.lock().expect("lock"));
        parser.screen().contents()
    }

    pub fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > DEADLINE || matches!(self.child.try_wait(), Ok(Some(_))) {
                let _ = self.child.kill();
                panic!("no {text:?} on the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for the program to exit; everything it wrote.
    pub fn finish(mut self) -> Vec<u8> {
        let start = Instant::now();
        while !matches!(self.child.try_wait(), Ok(Some(_))) {
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("quire did not exit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        let output = self.output.lock().expect("lock");
        output.clone()
    }
}

impl Terminal {
    pub fn wait_until_gone(&mut self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "{text:?} stayed:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
