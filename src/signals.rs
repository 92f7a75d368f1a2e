//! The signals that end quire (`kill`, a closed terminal's SIGHUP, Ctrl-\
//! in another program's terminal): each one is turned into a clean quit
//! (save, give the terminal back) and then the exit status a shell
//! expects, 128 + the signal's number. A second signal while quire is
//! still quitting ends it at once, so a save that hangs cannot keep it
//! alive against the user's will.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signals sent from outside whose default action ends a process.
/// Faults (SIGSEGV, SIGBUS) are left alone: nothing can be done safely
/// after them, and Rust reports them itself.
#[cfg(unix)]
pub const ENDING: &[i32] = {
    use signal_hook::consts::*;
    &[
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    ]
};
#[cfg(not(unix))]
pub const ENDING: &[i32] = &[signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];

/// SIGHUP's number: a terminal that went away without sending it ends
/// quire as if it had.
#[cfg(unix)]
pub const HANGUP: i32 = signal_hook::consts::SIGHUP;
#[cfg(not(unix))]
pub const HANGUP: i32 = 1;

/// Which ending signal arrived, if any.
#[derive(Debug, Clone)]
pub struct Signals {
    arrived: Arc<AtomicUsize>,
}

impl Signals {
    /// Starts catching [`ENDING`]: from now on they only set a flag.
    pub fn watch() -> io::Result<Signals> {
        let arrived = Arc::new(AtomicUsize::new(0));
        let quitting = Arc::new(AtomicBool::new(false));
        for &signal in ENDING {
            // Handlers run in the order they were registered: the first
            // signal sets `quitting`, the second finds it set and exits.
            signal_hook::flag::register_conditional_shutdown(
                signal,
                i32::from(exit_status(signal)),
                Arc::clone(&quitting),
            )?;
            signal_hook::flag::register(signal, Arc::clone(&quitting))?;
            let number = usize::try_from(signal).unwrap_or(0);
            signal_hook::flag::register_usize(signal, Arc::clone(&arrived), number)?;
        }
        Ok(Signals { arrived })
    }

    /// A watcher that never sees a signal (scripted sessions).
    pub fn none() -> Signals {
        Signals {
            arrived: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The number of the signal that arrived, if one did.
    pub fn received(&self) -> Option<i32> {
        match self.arrived.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// The exit status after `signal`: 128 + its number, as shells report a
/// process the signal killed (130 after Ctrl-C).
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal.clamp(0, 127)).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_128_plus_the_number() {
        assert_eq!(exit_status(1), 129);
        assert_eq!(exit_status(2), 130);
        assert_eq!(exit_status(3), 131);
        assert_eq!(exit_status(15), 143);
    }

    #[cfg(unix)]
    #[test]
    fn every_ending_signal_is_a_real_one() {
        for &signal in ENDING {
            assert!(
                !signal_hook::consts::FORBIDDEN.contains(&signal),
                "{signal}"
            );
        }
        assert!(ENDING.contains(&HANGUP));
    }
}
