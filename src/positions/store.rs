//! Reading and writing `positions.json` beside `bookmarks.json`, with the
//! same guarantees (see [`crate::storage`]): locked read-merge-write, atomic
//! and durable replacement, a `.bak` of the last good file, a corrupt file
//! set aside and never overwritten, a newer format read-only.

use super::{Positions, ReadingPosition};
use crate::storage::{self, Format, SharedFile, Unknown};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "positions.json";
/// The file format version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    positions: Vec<ReadingPosition>,
    /// Fields from a newer quire, kept on every save.
    #[serde(flatten)]
    unknown: Unknown,
}

/// How `positions.json` is parsed, written and merged.
#[derive(Debug, Clone, Copy)]
pub struct PositionsFile;

impl Format for PositionsFile {
    type Value = Positions;
    const WHAT: &'static str = "reading positions";
    const VERSION: u32 = SCHEMA_VERSION;

    fn parse(text: &str) -> Result<Positions, serde_json::Error> {
        let file: FileFormat = serde_json::from_str(text)?;
        let mut items = file.positions;
        // Hand-edited files may say more than 100%.
        for p in &mut items {
            p.progress = p.progress.min(100);
            // Sanitized where it is read, like the bookmarks file.
            crate::bookmarks::stored_text::clean_document(&mut p.document);
            crate::bookmarks::stored_text::clean_anchor(&mut p.anchor);
        }
        Ok(Positions::new(items, file.unknown))
    }

    fn encode(value: &Positions) -> Result<Vec<u8>, serde_json::Error> {
        let file = FileFormat {
            version: SCHEMA_VERSION,
            positions: value.items.clone(),
            unknown: value.unknown.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    fn merge(ours: &mut Positions, theirs: &Positions) {
        ours.merge(theirs);
    }
}

/// What the bytes of a positions file hold, as loading would see them.
pub fn decode(bytes: &[u8]) -> storage::Decoded<Positions> {
    storage::decode::<PositionsFile>(bytes)
}

/// The reading positions file in one folder.
#[derive(Debug, Clone)]
pub struct PositionStore {
    file: SharedFile<PositionsFile>,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct LoadedPositions {
    pub positions: Positions,
    /// Something the user must be told (corrupt file kept aside, ...).
    pub warning: Option<String>,
}

/// What a save wrote, and anything to tell the user although it succeeded.
#[derive(Debug, Default)]
pub struct SavedPositions {
    pub positions: Positions,
    pub warning: Option<String>,
}

impl PositionStore {
    /// Opens the store in `dir` (quire's config dir), loading what is there.
    pub fn open(dir: &Path) -> (PositionStore, LoadedPositions) {
        let (file, loaded) = SharedFile::open(dir, FILE_NAME);
        let loaded = LoadedPositions {
            positions: loaded.value,
            warning: loaded.warning,
        };
        (PositionStore { file }, loaded)
    }

    pub fn path(&self) -> PathBuf {
        self.file.path()
    }

    /// Why saves are refused this session (newer or unreadable file).
    pub fn read_only(&self) -> Option<&str> {
        self.file.read_only()
    }

    /// Merges `positions` with the file under the lock and writes the
    /// result; returns the merged set.
    pub fn save(&self, positions: &Positions) -> Result<Positions, String> {
        self.save_reporting(positions).map(|saved| saved.positions)
    }

    /// Like [`PositionStore::save`], also returning a warning when the file
    /// on disk had become corrupt and was set aside during the save.
    pub fn save_reporting(&self, positions: &Positions) -> Result<SavedPositions, String> {
        let saved = self.file.save(positions)?;
        Ok(SavedPositions {
            positions: saved.value,
            warning: saved.warning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use std::fs;
    use std::time::{Duration, UNIX_EPOCH};

    fn position(text: &str, top: usize, ms: u64) -> Positions {
        let d = Document::new(Source::File("a.txt".into()), text.into());
        let at = UNIX_EPOCH + Duration::from_millis(ms);
        let mut p = Positions::default();
        p.set(ReadingPosition::new(&d, top, top, 40, false, at).unwrap());
        p
    }

    #[test]
    fn saves_merge_with_the_file_and_reload() {
        let dir = tempfile::tempdir().unwrap();
        let (one, loaded) = PositionStore::open(dir.path());
        assert!(loaded.positions.items.is_empty() && loaded.warning.is_none());
        let (two, _) = PositionStore::open(dir.path());
        one.save(&position("A\n\nx\n\ny", 1, 5)).unwrap();
        let merged = two.save(&position("B\n\nz", 0, 6)).unwrap();
        assert_eq!(merged.items.len(), 2, "the other quire's position is kept");
        let (_, again) = PositionStore::open(dir.path());
        assert_eq!(again.positions, merged);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_the_backup_used() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = PositionStore::open(dir.path());
        store.save(&position("A\n\nx", 0, 5)).unwrap();
        store.save(&position("B\n\ny", 0, 6)).unwrap();
        fs::write(store.path(), "{\"version\": 1, \"positions\": [").unwrap();
        let (_, loaded) = PositionStore::open(dir.path());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("last good backup"), "{warning}");
        assert_eq!(
            loaded.positions.items.len(),
            1,
            "the backup before the last save"
        );
        let aside = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".corrupt-"))
            .unwrap();
        assert_eq!(
            fs::read_to_string(aside).unwrap(),
            "{\"version\": 1, \"positions\": ["
        );
    }

    #[test]
    fn progress_over_100_in_a_file_is_read_as_100() {
        let p = position("A\n\nx", 0, 5);
        let text = String::from_utf8(PositionsFile::encode(&p).unwrap())
            .unwrap()
            .replace("\"progress\": 40", "\"progress\": 250");
        let storage::Decoded::Current(read) = decode(text.as_bytes()) else {
            panic!("{text}");
        };
        assert_eq!(read.items[0].progress, 100);
    }
}
