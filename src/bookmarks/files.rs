//! Finding a bookmark's file on disk when its document is not loaded: the
//! paths it was seen at, newest first. Runs on a worker thread, never on
//! the keypress path.

use crate::document::Document;
use std::path::Path;

/// The document read from the first of `paths` (newest last, as recorded)
/// that is a readable file; else why none is, naming the paths.
pub fn read_recorded(paths: &[String]) -> Result<Document, String> {
    let mut last_problem = None;
    for path in paths.iter().rev() {
        if path.starts_with("bundled/") {
            if let Some(doc) = crate::corpus::bundled()
                .into_iter()
                .find(|d| d.source.display_path() == *path)
            {
                return Ok(doc);
            }
            continue;
        }
        let file = Path::new(path);
        if !file.is_file() {
            continue;
        }
        match crate::corpus::read_document(file) {
            Ok(doc) => return Ok(doc),
            Err(problem) => last_problem = Some(problem),
        }
    }
    Err(last_problem.unwrap_or_else(|| {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| crate::sanitize::sanitize_line(p))
            .collect();
        format!("its file is gone (was {})", shown.join(", "))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_path_that_exists_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.txt");
        let new = dir.path().join("new.txt");
        std::fs::write(&new, "New\n\nbody").unwrap();
        let paths = [old, new.clone()].map(|p| p.to_string_lossy().into_owned());
        let doc = read_recorded(&paths).unwrap();
        assert_eq!(doc.title, "New");
        std::fs::remove_file(&new).unwrap();
        let gone = read_recorded(&paths).unwrap_err();
        assert!(gone.contains("gone") && gone.contains("old.txt"), "{gone}");
    }
}
