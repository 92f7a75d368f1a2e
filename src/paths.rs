//! Where quire keeps its files. The only user of `directories`; the
//! `QUIRE_CONFIG_DIR` environment variable replaces the directory (tests set
//! it so they never touch a real user's bookmarks or config).

use directories::ProjectDirs;
use std::path::PathBuf;

/// The environment variable that overrides the config directory.
pub const CONFIG_DIR_ENV: &str = "QUIRE_CONFIG_DIR";

/// quire's config directory: `$QUIRE_CONFIG_DIR`, else the platform's
/// (on Linux `$XDG_CONFIG_HOME/quire`, usually `~/.config/quire`).
pub fn config_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    ProjectDirs::from("", "", "quire")
        .map(|dirs| dirs.config_dir().to_path_buf())
        .ok_or_else(|| format!("cannot find a home directory for quire's files; set {CONFIG_DIR_ENV} to a folder quire may write to"))
}

/// The config file's name in [`config_dir`].
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// The config file quire reads: `config.toml` in [`config_dir`].
pub fn config_file() -> Result<PathBuf, String> {
    Ok(config_dir()?.join(CONFIG_FILE_NAME))
}

/// A path from the config file with a leading `~/` made the home folder
/// (no shell expands it there).
pub fn expand_home(path: &str) -> String {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match path.strip_prefix("~/").zip(home()) {
        Some((rest, home)) => home.join(rest).to_string_lossy().into_owned(),
        None if path == "~" => {
            home().map_or_else(|| path.to_string(), |h| h.to_string_lossy().into_owned())
        }
        None => path.to_string(),
    }
}
