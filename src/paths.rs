//! Where quire keeps its files. The only user of `directories`; the
//! `QUIRE_CONFIG_DIR` environment variable replaces the directory (tests set
//! it so they never touch a real user's bookmarks).

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
