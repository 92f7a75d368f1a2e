//! Feeds arbitrary bytes to the bookmarks file loader: it must never panic,
//! and a file it accepts must survive being written and read back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quire::bookmarks::store::{self, BookmarksFile};
use quire::storage::{Decoded, Format};

fuzz_target!(|bytes: &[u8]| {
    if let Decoded::Current(bookmarks) = store::decode(bytes) {
        let written = BookmarksFile::encode(&bookmarks).expect("a parsed set can be written");
        match store::decode(&written) {
            Decoded::Current(again) => assert_eq!(again, bookmarks),
            other => panic!("written file does not read back: {other:?}"),
        }
    }
});
