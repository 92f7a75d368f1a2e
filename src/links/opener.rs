//! Hands a link quire cannot show to the system opener (`xdg-open`, `open`
//! on macOS, or the config's `opener`): run directly, never through a
//! shell, so nothing in a page's URL is ever taken as a command.

use std::process::{Command, Stdio};

/// The system's opener when the config names none.
pub fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Starts `opener` (program and first arguments; empty for the system's)
/// with `target` as its last argument, and does not wait for it. The error
/// says which program failed and what to change.
pub fn open(opener: &[String], target: &str) -> Result<(), String> {
    let (program, args) = match opener.split_first() {
        Some((program, args)) => (program.as_str(), args),
        None => (system_opener(), &[][..]),
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Reaped in the background, so no finished opener lingers.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(e) => Err(format!(
            "could not run {program} to open the link: {e}; set `opener` in config.toml"
        )),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_one_argument_never_a_shell_line() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let script = dir.path().join("opener.sh");
        std::fs::write(&script, "#!/bin/sh\nprintf '%s|' \"$@\" > \"$OUT_FILE\"\n").unwrap();
        // A shell would run the `;` and `$(...)` parts; the opener must get
        // the URL as it is, as one argument.
        let target = "https://e.example/?a=1;touch /tmp/pwned&b=$(id)";
        let opener = [
            "env".to_string(),
            format!("OUT_FILE={}", out.display()),
            "sh".to_string(),
            script.to_string_lossy().into_owned(),
        ];
        open(&opener, target).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !out.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        let got = std::fs::read_to_string(&out).unwrap();
        assert_eq!(got, format!("{target}|"));
    }

    #[test]
    fn a_missing_opener_says_what_to_set() {
        let err = open(&["/nonexistent/quire-opener".to_string()], "x").unwrap_err();
        assert!(err.contains("/nonexistent/quire-opener") && err.contains("opener"));
    }
}
