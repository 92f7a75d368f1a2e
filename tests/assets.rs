//! The files in `assets/` for packagers (man page, shell completions, the
//! default config) are what the binary prints: a change to the command
//! line or the settings that leaves them stale fails here. Run with
//! `QUIRE_BLESS=1` to write them again.

use std::path::Path;
use std::process::Command;

const ASSETS: &[(&[&str], &str)] = &[
    (&["man"], "quire.1"),
    (&["config", "--default"], "config.toml"),
    (&["completions", "bash"], "completions/quire.bash"),
    (&["completions", "zsh"], "completions/_quire"),
    (&["completions", "fish"], "completions/quire.fish"),
];

#[test]
fn assets_are_what_the_binary_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for (args, file) in ASSETS {
        let output = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(*args)
            .env(
                "QUIRE_CONFIG_DIR",
                std::env::temp_dir().join("quire-assets-test"),
            )
            .output()
            .unwrap();
        assert!(output.status.success(), "quire {args:?} failed");
        assert!(!output.stdout.is_empty(), "quire {args:?} printed nothing");
        let path = dir.join(file);
        if std::env::var_os("QUIRE_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &output.stdout).unwrap();
            continue;
        }
        let kept = std::fs::read(&path).unwrap_or_default();
        assert!(
            kept == output.stdout,
            "assets/{file} is not what `quire {}` prints: run `QUIRE_BLESS=1 cargo test --test assets`",
            args.join(" ")
        );
    }
}
