//! Opening articles without ever hanging or reading without end.
//!
//! A file met in a folder, or read again with `R`, is opened only if it is
//! a regular file: opening a named pipe (FIFO) blocks until someone writes
//! to it, and a device such as `/dev/zero` never ends. Such a path is
//! opened non-blocking, its type checked on the open descriptor (so a file
//! swapped for a pipe between a look and the open cannot slip through),
//! and it is refused with a message.
//!
//! A pipe or device the user named (`quire -`, `quire <(curl ...)`) is read,
//! since they asked for it, but judged by its first bytes before the rest
//! is read, and read up to [`STREAM_LIMIT`] bytes only.

use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// The most that is read from anything that is not a regular file: a pipe
/// or device may never end. Regular files have no limit (a 1 GB file
/// opens); a pipe holding an article is far below this.
pub const STREAM_LIMIT: usize = 256 << 20;

/// How many first bytes of a stream are judged before the rest is read:
/// as many as [`crate::decode`] looks at for signs of a binary file.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// A path that had to be a regular file and is something else.
#[derive(Debug, thiserror::Error)]
#[error(
    "is a {0}, not a regular file; not opened, since reading it could hang or never end (name it on the command line to read it anyway)"
)]
pub struct NotRegular(pub &'static str);

/// What kind of thing `kind` is, in words (also for quire's own files).
pub(crate) fn kind_name(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    if kind.is_dir() {
        return "folder";
    }
    "special file"
}

/// Why a path of this type is not opened, if it is not a regular file.
pub fn refusal(kind: FileType) -> Option<NotRegular> {
    (!kind.is_file()).then(|| NotRegular(kind_name(kind)))
}

/// Opens the regular file at `path`, never blocking, with what it is (one
/// look, which the caller needs for its size anyway): anything else is an
/// error whose inner error is a [`NotRegular`].
pub fn open_regular(path: &Path) -> io::Result<(File, std::fs::Metadata)> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    match refusal(kind) {
        None => Ok((file, meta)),
        // A folder neither hangs nor never ends: it is just not a file.
        Some(_) if kind.is_dir() => Err(io::ErrorKind::IsADirectory.into()),
        Some(refused) => Err(io::Error::new(io::ErrorKind::InvalidInput, refused)),
    }
}

/// Opens `path` for reading without waiting for a writer if it is a pipe
/// (also for quire's own files). On a regular file the flag changes
/// nothing.
#[cfg(unix)]
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// The message for an error from [`open_regular`], if it is a refusal.
pub fn refused(e: &io::Error) -> Option<String> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotRegular>())
        .map(ToString::to_string)
}

/// A stream's bytes, and whether it was cut at the limit.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Capped {
    pub bytes: Vec<u8>,
    /// The stream went on past [`STREAM_LIMIT`]; only that much was read.
    pub cut: bool,
}

impl Capped {
    /// What to tell the user about a cut stream.
    pub fn cut_message() -> String {
        let mib = STREAM_LIMIT >> 20;
        format!(
            "not a regular file and still going after {mib} MiB; showing its first {mib} MiB only"
        )
    }
}

/// Reads a pipe, device or standard input: its first bytes, and when they
/// look like text, the rest up to [`STREAM_LIMIT`]. A binary stream
/// (`/dev/zero`, `/dev/urandom`) is given back after its first bytes only,
/// which the decoder then turns down.
pub fn read_capped(reader: &mut dyn Read) -> io::Result<Capped> {
    read_capped_to(reader, STREAM_LIMIT)
}

fn read_capped_to(reader: &mut dyn Read, limit: usize) -> io::Result<Capped> {
    let mut bytes = Vec::new();
    let head = SNIFF_BYTES.min(limit);
    reader.take(head as u64).read_to_end(&mut bytes)?;
    // Shorter than asked for: the stream has ended.
    if bytes.len() < head || crate::decode::sniff(&bytes).is_some() {
        return Ok(Capped { bytes, cut: false });
    }
    // One byte past the limit tells a stream of exactly the limit from a
    // longer one.
    let rest = (limit + 1 - bytes.len()) as u64;
    reader.take(rest).read_to_end(&mut bytes)?;
    let cut = bytes.len() > limit;
    if cut {
        bytes.truncate(char_floor(&bytes, limit));
    }
    Ok(Capped { bytes, cut })
}

/// `at`, moved back to the start of the UTF-8 character it falls in, so a
/// cut does not leave half a character to be shown as U+FFFD.
fn char_floor(bytes: &[u8], at: usize) -> usize {
    let is_continuation = |b: u8| b & 0b1100_0000 == 0b1000_0000;
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| bytes.get(i).is_none_or(|&b| !is_continuation(b)))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_stream_is_judged_by_its_first_bytes_alone() {
        let capped = read_capped(&mut io::repeat(0)).unwrap();
        assert_eq!(capped.bytes.len(), SNIFF_BYTES);
        assert!(!capped.cut);
    }

    #[test]
    fn an_endless_text_stream_is_cut_at_the_limit_on_a_character() {
        let capped = read_capped_to(&mut io::repeat(b'a'), SNIFF_BYTES * 2).unwrap();
        assert_eq!(capped.bytes.len(), SNIFF_BYTES * 2);
        assert!(capped.cut);
        // "é" is two bytes: the limit falls inside one, the cut before it.
        let limit = SNIFF_BYTES * 2 + 1;
        let text = "é".repeat(limit);
        let capped = read_capped_to(&mut text.as_bytes(), limit).unwrap();
        assert!(capped.cut);
        assert_eq!(capped.bytes.len(), limit - 1);
        assert!(std::str::from_utf8(&capped.bytes).is_ok());
    }

    #[test]
    fn a_stream_within_the_limit_is_read_whole() {
        for len in [0, 10, SNIFF_BYTES, SNIFF_BYTES + 1, SNIFF_BYTES * 3] {
            let text = "b".repeat(len);
            let capped = read_capped_to(&mut text.as_bytes(), SNIFF_BYTES * 3).unwrap();
            assert_eq!((capped.bytes.len(), capped.cut), (len, false), "{len}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_device_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let e = open_regular(&fifo).unwrap_err();
        assert!(refused(&e).unwrap().contains("named pipe"), "{e}");
        let e = open_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(refused(&e).unwrap().contains("character device"), "{e}");
        let e = open_regular(dir.path()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "text").unwrap();
        let mut read = String::new();
        open_regular(&file)
            .unwrap()
            .0
            .read_to_string(&mut read)
            .unwrap();
        assert_eq!(read, "text");
    }
}
