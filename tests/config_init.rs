//! `quire config --init` on a new machine (no config folder yet) and on
//! one with a config, and the man page's key reference, run as a user
//! runs them: the real binary.

use std::process::Command;

fn quire(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .env("QUIRE_CONFIG_DIR", dir)
        .output()
        .unwrap()
}

#[test]
fn init_makes_the_folder_and_writes_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("new").join("quire");
    let out = quire(&dir, &["config", "--init"]);
    assert!(out.status.success(), "{out:?}");
    let file = dir.join("config.toml");
    let written = std::fs::read_to_string(&file).unwrap();
    let defaults = quire(&dir, &["config", "--default"]).stdout;
    assert_eq!(written.as_bytes(), defaults);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("config.toml"), "{said}");
    // quire starts with it: it parses.
    assert!(quire::config::parse(&written).is_ok());
}

#[test]
fn init_never_overwrites_a_config() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "theme = \"light\"\n").unwrap();
    let out = quire(dir.path(), &["config", "--init"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("already exists") && said.contains("config.toml"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "theme = \"light\"\n"
    );
}

#[test]
fn the_man_page_has_the_key_tables() {
    let dir = tempfile::tempdir().unwrap();
    let page = String::from_utf8(quire(dir.path(), &["man"]).stdout).unwrap();
    assert!(page.contains(".SH KEYS"), "{page}");
    for title in [".SS Document list", ".SS Reading view", ".SS Links"] {
        assert!(page.contains(title), "{title}");
    }
    assert!(page.contains("\\fBBackspace\\fR\nBack to where the last link was followed from"));
    // No line of a description may start a roff request.
    assert!(
        page.lines()
            .skip_while(|l| *l != ".SH KEYS")
            .all(|l| !l.starts_with('\''))
    );
}
