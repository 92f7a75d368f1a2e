//! Finding and reading articles: the bundled seeds, files and folders the
//! user names, and standard input. Produces documents plus a list of
//! problems; one bad file never stops the others from opening.

use crate::decode::{Decoded, decode};
use crate::document::{Document, Measure, Passage, Source};
use crate::format::Format;
use crate::markup;
use crate::sanitize::{sanitize, sanitize_line};
use std::{
    fmt,
    io::Read,
    path::{Path, PathBuf},
    sync::Arc,
    time::SystemTime,
};
use walkdir::WalkDir;

mod gzip;
mod names;
mod open;
mod order;

pub use gzip::GZIP_LIMIT;
pub use names::TEXT_EXTENSIONS;

/// Whether the file at `path` is read as gzip-compressed text.
pub fn is_gzip(path: &Path) -> bool {
    last_name(path).is_some_and(names::is_gzip)
}

pub use open::{Capped, STREAM_LIMIT};
pub(crate) use open::{kind_name, open_nonblocking};
pub use order::load_order_key;

mod seeds {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}

/// Something the user asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    /// `-`: read standard input.
    Stdin,
}

impl Input {
    /// `-` means standard input; anything else is a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// A file that could not be opened, or opened with a caveat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The path as shown to the user (sanitized).
    pub path: String,
    pub message: String,
    /// True when the document still opened (e.g. with replacement characters).
    pub opened: bool,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything that was loaded, in the order the inputs were given (a
/// folder's files in the order [`load_order_key`] gives).
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<LoadProblem>,
}

/// The articles embedded in the binary.
pub fn bundled() -> Vec<Document> {
    let mut docs = bundled_unfolded();
    crate::document::furniture::repeats::fold_all(&mut docs);
    docs
}

/// The bundled articles, each folded on its own: without the paragraphs
/// they repeat from one another.
pub fn bundled_unfolded() -> Vec<Document> {
    seeds::SEEDS
        .iter()
        .filter_map(|(name, bytes)| match decode(bytes) {
            Decoded::Text { text, .. } => {
                Some(Document::new(Source::Bundled(name), sanitize(&text)))
            }
            Decoded::Binary(_) => None,
        })
        .collect()
}

/// Plain text longer than this is handed over by [`load_each`] before its
/// word count and hash are known: counting and hashing it would keep the
/// file off the screen for a noticeable moment, so it is shown first and
/// measured meanwhile.
pub const MEASURE_LATER_BYTES: usize = 16 << 20;

/// One thing found while loading, in order.
#[derive(Debug)]
pub enum Loaded {
    Document(Document),
    Problem(LoadProblem),
    /// The word count and hash of the unmeasured document handed over
    /// just before, whose text this is.
    Measured(Arc<str>, Measure),
}

/// When the loader measures plain text (word count, reading time, hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measuring {
    /// Before the document is handed over.
    First,
    /// Big documents after they are handed over ([`Loaded::Measured`]).
    AfterBig,
    /// Never: `quire search` shows neither.
    Never,
}

/// Loads every input; `stdin` is read only if `-` was given.
pub fn load(inputs: &[Input], stdin: &mut dyn Read) -> Corpus {
    load_as(inputs, None, stdin)
}

/// [`load`], reading every input as `format` when it is given (`--format`)
/// instead of by its name or its start.
pub fn load_as(inputs: &[Input], format: Option<Format>, stdin: &mut dyn Read) -> Corpus {
    let mut corpus = Corpus::default();
    load_with(
        inputs,
        format,
        stdin,
        Measuring::First,
        &mut |item| match item {
            Loaded::Document(d) => corpus.documents.push(d),
            Loaded::Problem(p) => corpus.problems.push(p),
            Loaded::Measured(..) => {}
        },
    );
    crate::document::furniture::repeats::fold_all(&mut corpus.documents);
    crate::places::Places::naming_sites(&mut corpus.documents);
    corpus
}

/// Loads every input, handing each document or problem to `sink` as soon
/// as it is read, so a caller can show the first documents at once. A
/// plain-text document over [`MEASURE_LATER_BYTES`] comes unmeasured
/// ([`Document::is_measured`] is false), followed by its
/// [`Loaded::Measured`].
/// `format`, when given, is how every input is read (see [`load_as`]).
pub fn load_each(
    inputs: &[Input],
    format: Option<Format>,
    stdin: &mut dyn Read,
    sink: &mut dyn FnMut(Loaded),
) {
    load_with(inputs, format, stdin, Measuring::AfterBig, sink);
}

fn load_with(
    inputs: &[Input],
    format: Option<Format>,
    stdin: &mut dyn Read,
    measuring: Measuring,
    sink: &mut dyn FnMut(Loaded),
) {
    let mut corpus = Loader {
        sink,
        measuring,
        skips: Skips::default(),
        modified: None,
        format,
    };
    for input in inputs {
        match input {
            Input::Stdin => match read_stdin(stdin) {
                Ok(capped) => corpus.add_stream(Source::Stdin, capped),
                Err(e) => corpus.problem("<stdin>", format!("cannot read standard input: {e}")),
            },
            Input::Path(path) => corpus.add_path(path),
        }
    }
}

/// Walks and reads, passing what it finds to the sink.
struct Loader<'s> {
    sink: &'s mut dyn FnMut(Loaded),
    measuring: Measuring,
    skips: Skips,
    /// The modification time of the file being read, given to its
    /// document.
    modified: Option<SystemTime>,
    /// `--format`: how every text is read, whatever its name.
    format: Option<Format>,
}

/// What reading one folder passed over, to say why when nothing opened.
#[derive(Debug, Default)]
struct Skips {
    /// The file being read was found by walking a folder: if it is
    /// binary, it is passed over without a word (ripgrep's rule).
    quiet: bool,
    binary: usize,
    /// Redirect stubs passed over (see [`markup::Parsed::is_redirect_stub`]).
    redirects: usize,
    /// Documents handed over so far.
    opened: usize,
}

impl Loader<'_> {
    fn problem(&mut self, path: &str, message: String) {
        (self.sink)(Loaded::Problem(LoadProblem {
            path: sanitize_line(path),
            message,
            opened: false,
        }));
    }

    fn add_path(&mut self, root: &Path) {
        let (opened, binary, redirects) =
            (self.skips.opened, self.skips.binary, self.skips.redirects);
        let mut files = 0;
        let others = walk_counting(root, Order::Sorted, &mut |found| match found {
            Found::File(path) => {
                files += 1;
                self.skips.quiet = path != root;
                self.add_file(&path);
                self.skips.quiet = false;
            }
            Found::Stream(path) => self.add_named_stream(&path),
            Found::Problem(p, _) => (self.sink)(Loaded::Problem(p)),
        });
        let binary = self.skips.binary - binary;
        let redirects = self.skips.redirects - redirects;
        if self.skips.opened == opened && root.is_dir() {
            let why = nothing_opened(files, binary, redirects, others);
            self.problem(&root.to_string_lossy(), why);
        }
    }

    /// Adds the regular file at `path`; anything else there is refused
    /// (see [`open`]).
    fn add_file(&mut self, path: &Path) {
        if last_name(path).is_some_and(names::is_gzip) {
            return self.add_gzip(path);
        }
        match read_shared(path) {
            Ok((bytes, modified)) => {
                self.modified = modified;
                self.add_shared(Source::File(path.to_path_buf()), bytes);
                self.modified = None;
            }
            Err(e) => self.problem(&path.to_string_lossy(), describe_io(&e)),
        }
    }

    /// Adds a gzip-compressed file's text, saying first if it was cut at
    /// [`GZIP_LIMIT`].
    fn add_gzip(&mut self, path: &Path) {
        let file = match open::open_regular(path) {
            Ok((file, meta)) => {
                self.modified = meta.modified().ok();
                file
            }
            Err(e) => return self.problem(&path.to_string_lossy(), describe_io(&e)),
        };
        let source = Source::File(path.to_path_buf());
        match gzip::gunzip(std::io::BufReader::new(file), GZIP_LIMIT) {
            Ok(unpacked) => {
                if unpacked.cut {
                    (self.sink)(Loaded::Problem(LoadProblem {
                        path: source.display_path(),
                        message: gzip::cut_message(),
                        opened: true,
                    }));
                }
                self.add_shared(source, Arc::from(unpacked.bytes));
                self.modified = None;
            }
            Err(e) => {
                let message = format!("not opened: not valid gzip data ({e}); check the file");
                self.problem(&source.display_path(), message);
            }
        }
    }

    /// Adds a pipe or device the user named, read up to
    /// [`STREAM_LIMIT`]. Opening it may wait for a writer: they asked.
    fn add_named_stream(&mut self, path: &Path) {
        let read = std::fs::File::open(path).and_then(|mut file| open::read_capped(&mut file));
        match read {
            Ok(capped) => self.add_stream(Source::File(path.to_path_buf()), capped),
            Err(e) => self.problem(&path.to_string_lossy(), describe_io(&e)),
        }
    }

    /// Adds what was read from a stream, saying first if it was cut.
    fn add_stream(&mut self, source: Source, capped: open::Capped) {
        if capped.cut {
            (self.sink)(Loaded::Problem(LoadProblem {
                path: source.display_path(),
                message: open::Capped::cut_message(),
                opened: true,
            }));
        }
        self.add_shared(source, Arc::from(capped.bytes));
    }

    /// Adds a file's bytes: as they are when they are plain text already,
    /// else decoded.
    fn add_shared(&mut self, source: Source, bytes: Arc<[u8]>) {
        match plain_text(&source, bytes, self.format) {
            Ok(text) => self.add_plain(source, text),
            Err(bytes) => self.add_bytes(source, bytes),
        }
    }

    /// Decodes and adds a file's bytes; they are dropped as soon as they are
    /// decoded, so a big file is never held three times over.
    fn add_bytes(&mut self, source: Source, bytes: impl AsRef<[u8]>) {
        let decoded = match format_of(&source, bytes.as_ref(), self.format) {
            Format::Html => crate::charset::decode_html(bytes.as_ref()),
            _ => None,
        };
        let decoded = decoded.unwrap_or_else(|| decode(bytes.as_ref()));
        drop(bytes);
        match decoded {
            Decoded::Binary(_) if self.skips.quiet => self.skips.binary += 1,
            Decoded::Binary(reason) => {
                (self.sink)(Loaded::Problem(LoadProblem {
                    path: source.display_path(),
                    message: format!("not opened: {reason}"),
                    opened: false,
                }));
            }
            Decoded::Text { text, lossy } => {
                if lossy {
                    (self.sink)(Loaded::Problem(LoadProblem {
                        path: source.display_path(),
                        message: "not valid UTF-8; invalid bytes are shown as \u{FFFD}".into(),
                        opened: true,
                    }));
                }
                self.add_text(source, text);
            }
        }
    }

    /// Adds a document of decoded text: Markdown and HTML files by their
    /// ending are parsed into blocks, anything else is plain text.
    fn add_text(&mut self, source: Source, text: String) {
        let doc = match format_of(&source, text.as_bytes(), self.format) {
            Format::Markdown => markup::markdown::parse(&text).into_document(source),
            Format::Html => {
                let parsed = markup::html::parse(text);
                if self.skips.quiet && parsed.is_redirect_stub() {
                    // Found in a folder, it stands for a page listed anyway.
                    self.skips.redirects += 1;
                    return;
                }
                parsed.into_document(source)
            }
            Format::Text => {
                let clean = sanitize(&text);
                drop(text);
                return self.add_plain(source, Arc::from(clean));
            }
        };
        self.skips.opened += 1;
        self.emit(doc);
    }

    /// Hands a document over, with the time of the file it came from.
    fn emit(&mut self, mut doc: Document) {
        doc.modified = self.modified;
        (self.sink)(Loaded::Document(doc));
    }

    /// Adds a plain-text document of sanitized `text`, measured when
    /// [`Loader::measuring`] says.
    fn add_plain(&mut self, source: Source, text: Arc<str>) {
        // `quire search` reads the text as it is in the file.
        let reflowed = match self.measuring {
            Measuring::Never => None,
            _ => crate::reflow::reflow(&text),
        };
        if let Some(reflowed) = reflowed {
            let mut doc = Document::from_shared(source, Arc::from(reflowed.text.as_str()));
            doc.passages = doc
                .passages
                .iter()
                .map(|p| Passage {
                    line: reflowed.source_line(p.line),
                    ..p.clone()
                })
                .collect();
            self.emit(doc);
            return;
        }
        let doc = match self.measuring {
            Measuring::Never => Document::unmeasured(source, text),
            Measuring::AfterBig if text.len() > MEASURE_LATER_BYTES => {
                self.skips.opened += 1;
                self.emit(Document::unmeasured(source, Arc::clone(&text)));
                let measure = Measure::of(&text);
                (self.sink)(Loaded::Measured(text, measure));
                return;
            }
            _ => Document::from_shared(source, text),
        };
        self.skips.opened += 1;
        self.emit(doc);
    }
}

/// Reads one file again (for `R`): the document, or why it cannot be read.
/// Only a regular file is read: a file that has become a pipe or a device
/// since it was opened is refused, never waited on.
pub fn read_document(path: &Path) -> Result<Document, String> {
    read_document_as(path, None)
}

/// [`read_document`], read as `format` when it is given (`--format`).
pub fn read_document_as(path: &Path, format: Option<Format>) -> Result<Document, String> {
    let (mut doc, mut problem) = (None, None);
    let mut sink = |item| match item {
        Loaded::Document(d) => doc = Some(d),
        // An invalid-UTF-8 notice still opens the document.
        Loaded::Problem(p) if !p.opened => problem = Some(p.message),
        Loaded::Problem(_) | Loaded::Measured(..) => {}
    };
    Loader {
        sink: &mut sink,
        measuring: Measuring::First,
        skips: Skips::default(),
        modified: None,
        format,
    }
    .add_file(path);
    doc.ok_or_else(|| {
        let shown = sanitize_line(&path.to_string_lossy());
        format!("{shown}: {}", problem.unwrap_or_default())
    })
}

/// Reads a whole file into a shared buffer, which can become a document's
/// text without a copy (see [`plain_text`]).
///
/// A big file is read by several threads at once, each into its own part
/// of the buffer: most of the time goes to the kernel giving the new
/// buffer its pages, and that then runs on every core.
fn read_shared(path: &Path) -> std::io::Result<(Arc<[u8]>, Option<SystemTime>)> {
    let (file, meta) = open::open_regular(path)?;
    Ok((read_open(file, &meta)?, meta.modified().ok()))
}

/// [`read_shared`]'s reading, of a file opened with what it is.
fn read_open(mut file: std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<Arc<[u8]>> {
    let Ok(expected) = usize::try_from(meta.len()) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            "the file is larger than this machine can address",
        ));
    };
    // A big file is judged by its first bytes before it is read whole: a
    // disk image or a database named by mistake is turned down after
    // them, with the reason the decoder gives for these bytes.
    if expected > open::SNIFF_BYTES {
        let mut head = vec![0; open::SNIFF_BYTES];
        let read = fill(&mut head, |part, _| file.read(part))?;
        head.truncate(read);
        if crate::decode::sniff(&head).is_some() {
            return Ok(Arc::from(head));
        }
        std::io::Seek::rewind(&mut file)?;
    }
    let mut buffer = crate::shared_bytes::zeroed(expected);
    let Some(slice) = Arc::get_mut(&mut buffer) else {
        return Err(std::io::Error::other("a new buffer was shared"));
    };
    let filled = if expected > PARALLEL_READ_BYTES && read_in_parts(&file, slice)? {
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(expected as u64))?;
        expected
    } else {
        fill(slice, |part, _| file.read(part))?
    };
    // The file changed size while it was read: take what is there now.
    // (Not `read_to_end`, which asks the file's size again: one system
    // call more for every file, which adds up over a folder of thousands.)
    let mut rest = Vec::new();
    let mut probe = [0u8; 4096];
    loop {
        match file.read(&mut probe) {
            Ok(0) => break,
            Ok(n) => rest.extend_from_slice(&probe[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if filled < expected || !rest.is_empty() {
        let mut all = buffer[..filled].to_vec();
        all.append(&mut rest);
        buffer = Arc::from(all);
    }
    Ok(buffer)
}

/// Reads into `buffer` with `read(rest, offset)` until it is full or the
/// file ends; how many bytes it holds.
fn fill(
    buffer: &mut [u8],
    mut read: impl FnMut(&mut [u8], usize) -> std::io::Result<usize>,
) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match read(&mut buffer[filled..], filled) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Files bigger than this are read in parts on several threads.
const PARALLEL_READ_BYTES: usize = 64 << 20;

/// Fills `buffer` from the start of `file`, a part per core; false if the
/// file turned out shorter (the caller then reads it in one go).
#[cfg(unix)]
fn read_in_parts(file: &std::fs::File, buffer: &mut [u8]) -> std::io::Result<bool> {
    use std::os::unix::fs::FileExt;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    let part = buffer.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let readers: Vec<_> = buffer
            .chunks_mut(part)
            .enumerate()
            .map(|(i, chunk)| {
                scope.spawn(move || -> std::io::Result<bool> {
                    let start = (i * part) as u64;
                    let len = chunk.len();
                    Ok(fill(chunk, |rest, at| file.read_at(rest, start + at as u64))? == len)
                })
            })
            .collect();
        let mut whole = true;
        for reader in readers {
            whole &= reader.join().unwrap_or(Ok(false))?;
        }
        Ok(whole)
    })
}

#[cfg(not(unix))]
fn read_in_parts(_: &std::fs::File, _: &mut [u8]) -> std::io::Result<bool> {
    Ok(false)
}

/// The bytes as a document's text, when they need no decoding, parsing or
/// sanitizing: a plain-text file of printable ASCII that is not a binary
/// format. Such a file, however big, costs its size once in memory.
fn plain_text(
    source: &Source,
    bytes: Arc<[u8]>,
    forced: Option<Format>,
) -> Result<Arc<str>, Arc<[u8]>> {
    if !is_plain(source, &bytes, forced) {
        return Err(bytes);
    }
    crate::shared_bytes::into_text(bytes)
}

/// Whether `bytes` from `source` are a document's text as they are (see
/// [`plain_text`]).
fn is_plain(source: &Source, bytes: &[u8], forced: Option<Format>) -> bool {
    let markup_name = forced.is_none() && matches!(source, Source::File(path) if is_markup(path));
    !markup_name && is_plain_bytes(bytes) && format_of(source, bytes, forced) == Format::Text
}

/// The parser for a source's text: by its file name's ending, or, for
/// standard input, pipes and files without an ending, by what its start
/// looks like; `forced` (`--format`) overrides both.
fn format_of(source: &Source, bytes: &[u8], forced: Option<Format>) -> Format {
    if let Some(format) = forced {
        return format;
    }
    match ending(source).as_deref() {
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        Some(_) => Format::Text,
        None => crate::format::sniff(bytes),
    }
}

/// Printable ASCII that is not a binary format (printable ASCII holds no
/// NUL byte, so only the formats' signatures are looked for).
fn is_plain_bytes(bytes: &[u8]) -> bool {
    crate::sanitize::is_plain_ascii(bytes) && crate::decode::signature_reason(bytes).is_none()
}

/// The bytes of the file at `path` as the text its document would have,
/// when they need no decoding, parsing or sanitizing (printable ASCII in a
/// file that is not Markdown or HTML): then the document's title and
/// passages are [`Document::unmeasured`]'s of this text.
pub fn plain_ascii<'b>(path: &Path, bytes: &'b [u8]) -> Option<&'b str> {
    if is_markup(path) || !is_plain_bytes(bytes) {
        return None;
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Files up to this size are read by [`read_small`].
pub const SMALL_FILE_BYTES: usize = 1 << 20;

/// Reads the regular file at `path` into `buffer`, which is kept from file to
/// file: no allocation and no size query per file, only the open (in
/// `folder`, see [`OpenFolder`]), the reads and the close. The bytes read,
/// or `None` when the file is over [`SMALL_FILE_BYTES`] (read it with
/// [`read_unmeasured`] instead, which reads a big file on every core).
pub fn read_small<'b>(
    path: &Path,
    folder: &mut OpenFolder,
    buffer: &'b mut Vec<u8>,
) -> std::io::Result<Option<&'b [u8]>> {
    let file = folder.open(path)?;
    read_small_from(file, buffer)
}

/// [`read_small`] from any reader. Only a read of nothing ends the file: a
/// short read does not, since network and FUSE file systems give them
/// anywhere in a file.
fn read_small_from(mut file: impl Read, buffer: &mut Vec<u8>) -> std::io::Result<Option<&[u8]>> {
    // One byte more than the limit tells a file of exactly the limit from
    // a bigger one. Zeroed once, then reused.
    buffer.resize(SMALL_FILE_BYTES + 1, 0);
    let filled = fill(buffer, |part, _| file.read(part))?;
    Ok((filled <= SMALL_FILE_BYTES).then(|| &buffer[..filled]))
}

/// The longest path Linux opens (with its closing NUL).
#[cfg(target_os = "linux")]
const PATH_MAX: usize = 4096;

/// The folder of the file last opened, kept open so that the next file in
/// it is opened relative to it: the kernel then looks up one name instead
/// of every folder on the way, for every file of a deep folder. Files
/// arrive folder by folder from [`walk`].
#[derive(Default)]
pub struct OpenFolder {
    #[cfg(target_os = "linux")]
    open: Option<(std::ffi::OsString, std::os::fd::OwnedFd)>,
}

impl OpenFolder {
    /// Opens the file at `path` for reading, as `File::open` does but
    /// never waiting for a writer (every way it opens is non-blocking).
    #[cfg(target_os = "linux")]
    pub fn open(&mut self, path: &Path) -> std::io::Result<std::fs::File> {
        use rustix::fs::{Mode, OFlags};
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let split = memchr::memrchr(b'/', bytes).map(|at| bytes.split_at(at));
        // A path too long to open whole is not opened in parts either, so
        // that it fails here as it does for the loader.
        let short = bytes.len() < PATH_MAX;
        let split = split.filter(|(f, n)| short && !f.is_empty() && n.len() > 1);
        let Some((folder, name)) = split else {
            return open::open_nonblocking(path);
        };
        let (folder, name) = (
            std::ffi::OsStr::from_bytes(folder),
            std::ffi::OsStr::from_bytes(&name[1..]),
        );
        if self.open.as_ref().is_none_or(|(open, _)| open != folder) {
            // O_PATH needs no permission to read the folder, only to pass
            // through it, as opening by the whole path does.
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            match rustix::fs::open(folder, flags, Mode::empty()) {
                Ok(fd) => self.open = Some((folder.to_os_string(), fd)),
                Err(_) => {
                    self.open = None;
                    return open::open_nonblocking(path);
                }
            }
        }
        let Some((_, fd)) = &self.open else {
            return open::open_nonblocking(path);
        };
        // Non-blocking: a file swapped for a named pipe since the walk
        // must not hang the open (its read then ends at once).
        let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NONBLOCK;
        let file = rustix::fs::openat(fd, name, flags, Mode::empty())?;
        Ok(std::fs::File::from(file))
    }

    /// Opens the file at `path` for reading.
    #[cfg(not(target_os = "linux"))]
    pub fn open(&mut self, path: &Path) -> std::io::Result<std::fs::File> {
        open::open_nonblocking(path)
    }
}

/// The lower-case file ending that picks a parser, if any.
fn ending(source: &Source) -> Option<String> {
    match source {
        Source::File(path) => last_name(path)
            .map(names::inner)
            .and_then(extension_of)
            .map(str::to_ascii_lowercase),
        _ => None,
    }
}

/// Whether the file at `path` is parsed as Markdown or HTML, by its ending.
fn is_markup(path: &Path) -> bool {
    last_name(path)
        .map(names::inner)
        .and_then(extension_of)
        .is_some_and(|e| MARKUP_ENDINGS.iter().any(|m| m.eq_ignore_ascii_case(e)))
}

/// What [`Path::extension`] gives for a file `name` (no folders), as text,
/// told from its bytes: after the last dot, unless that dot starts the
/// name, and none for `..`.
fn extension_of(name: &std::ffi::OsStr) -> Option<&str> {
    let bytes = name.as_encoded_bytes();
    let dot = memchr::memrchr(b'.', bytes).filter(|&at| at > 0 && bytes != b"..")?;
    std::str::from_utf8(&bytes[dot + 1..]).ok()
}

/// The file name of `path`, as [`Path::file_name`] gives it, taken from
/// after the last `/` without parsing every folder on the way (which was
/// a measurable part of `quire search` over 10,000 files). A path that does
/// not end in a plain name (`.`, `..`, a trailing `/`) is parsed in full.
fn last_name(path: &Path) -> Option<&std::ffi::OsStr> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let name = memchr::memrchr(b'/', bytes).map_or(bytes, |at| &bytes[at + 1..]);
        if !matches!(name, b"" | b"." | b"..") {
            return Some(std::ffi::OsStr::from_bytes(name));
        }
    }
    path.file_name()
}

const MARKUP_ENDINGS: [&str; 4] = ["md", "markdown", "html", "htm"];

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// An I/O error in words that say what to do.
fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(refused) = open::refused(e) {
        return refused;
    }
    match e.kind() {
        NotFound => "no such file or folder; check the path".into(),
        PermissionDenied => "permission denied; check the file's permissions".into(),
        IsADirectory => "is a folder".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// What walking an input finds: a file to read or a problem met on the
/// way (with the path it was met at).
#[derive(Debug)]
pub enum Found {
    /// A regular file.
    File(PathBuf),
    /// A named file that is not a regular one (a pipe, as `<(command)`
    /// gives, or a device): read to its end however it hands out its bytes.
    Stream(PathBuf),
    Problem(LoadProblem, PathBuf),
}

/// The order in which [`walk`] goes through each folder's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The load order: a folder's front page, its other files, then its
    /// subfolders, each by name (see [`order`]).
    Sorted,
    /// As the folder lists them, each as soon as it is read, without
    /// waiting for the whole folder to be read and sorted, which holds up
    /// the first file of a big folder. Sorting what is kept by
    /// [`load_order_key`] puts it back in load order.
    Listed,
}

/// Walks `root` (a file or a folder) in `order`, without reading the
/// files: [`load`] reads each as it is found, `quire search` on several
/// threads.
pub fn walk(root: &Path, order: Order, sink: &mut dyn FnMut(Found)) {
    walk_counting(root, order, sink);
}

/// [`walk`], returning how many files it passed over for their names
/// (neither a text ending nor a documentation name).
fn walk_counting(root: &Path, order: Order, sink: &mut dyn FnMut(Found)) -> usize {
    let found = match std::fs::metadata(root) {
        Err(e) => found_problem(root, describe_io(&e)),
        // A file of no size may be a virtual one (/proc's), which gives its
        // bytes a record at a time: read to the end like a pipe.
        Ok(meta) if meta.is_file() && meta.len() > 0 => Found::File(root.to_path_buf()),
        Ok(meta) if !meta.is_dir() => Found::Stream(root.to_path_buf()),
        Ok(_) => return walk_folder(root, order, sink),
    };
    sink(found);
    0
}

/// Walks the folder `root` for [`walk_counting`].
fn walk_folder(root: &Path, order: Order, sink: &mut dyn FnMut(Found)) -> usize {
    let mut others = 0;
    let mut walk = WalkDir::new(root).follow_links(true);
    if order == Order::Sorted {
        walk = walk.sort_by(|a, b| {
            let name = |e| entry_name(e).as_encoded_bytes();
            order::entry_order(name(a), walks_into(a), name(b), walks_into(b))
        });
    }
    let walk = walk
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(entry_name(e)));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) if !names::is_text_name(entry_name(&e)) => others += 1,
            Ok(e) => match open::refusal(e.file_type()) {
                None => sink(Found::File(e.into_path())),
                // A pipe or device among the articles is never opened.
                Some(refused) => sink(found_problem(e.path(), refused.to_string())),
            },
            Err(e) => {
                let message = match (e.loop_ancestor(), e.io_error()) {
                    (Some(ancestor), _) => format!(
                        "folder loop: this link leads back to {}; skipped it",
                        sanitize_line(&ancestor.to_string_lossy())
                    ),
                    (None, Some(io)) => describe_io(io),
                    (None, None) => e.to_string(),
                };
                sink(found_problem(e.path().unwrap_or(root), message));
            }
        }
    }
    others
}

/// How the problem of a folder that gave no document starts.
pub const NOTHING_OPENED: &str = "nothing opened:";

/// Why a folder gave no document: what was found in it and why each kind
/// was passed over.
fn nothing_opened(files: usize, binary: usize, redirects: usize, others: usize) -> String {
    let mut found = Vec::new();
    if binary > 0 {
        found.push(format!("{binary} binary (they hold NUL bytes)"));
    }
    if redirects > 0 {
        let (pages, send) = if redirects == 1 {
            ("page", "sends")
        } else {
            ("pages", "send")
        };
        found.push(format!(
            "{redirects} {pages} that only {send} the browser to another (name one to read it)"
        ));
    }
    if files > binary + redirects {
        found.push(format!(
            "{} that could not be read (see above)",
            files - binary - redirects
        ));
    }
    if others > 0 {
        found.push(format!("{others} not text by their names"));
    }
    if found.is_empty() {
        return format!("{NOTHING_OPENED} the folder holds no files");
    }
    format!(
        "{NOTHING_OPENED} of the files in it, {}; quire reads {}, README-like names and their .gz",
        found.join(", "),
        TEXT_EXTENSIONS
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// A problem met at `path` while walking.
fn found_problem(path: &Path, message: String) -> Found {
    let problem = LoadProblem {
        path: sanitize_line(&path.to_string_lossy()),
        message,
        opened: false,
    };
    Found::Problem(problem, path.to_path_buf())
}

/// Whether the walk goes into `e`: a folder, or a link to one (links are
/// followed; the entries being sorted are not resolved yet).
fn walks_into(e: &walkdir::DirEntry) -> bool {
    let kind = e.file_type();
    kind.is_dir() || (kind.is_symlink() && e.path().is_dir())
}

/// A walked entry's name, from after the last `/` of its path: walkdir's
/// `file_name` parses the whole path each time it is asked.
fn entry_name(e: &walkdir::DirEntry) -> &std::ffi::OsStr {
    last_name(e.path()).unwrap_or_else(|| e.file_name())
}

/// Reads what [`walk`] found at `path` as [`load`] does (the same
/// document text, title and passages, the same problems), except that
/// plain-text documents are built with [`Document::unmeasured`]: no word
/// count and no hash, which a one-shot search does not show. `stream` says
/// it was found as a [`Found::Stream`]; `walked`, that it was found in a
/// folder rather than named (a binary file is then passed over quietly).
pub fn read_unmeasured(path: &Path, stream: bool, walked: bool, sink: &mut dyn FnMut(Loaded)) {
    let mut loader = Loader {
        sink,
        measuring: Measuring::Never,
        skips: Skips {
            quiet: walked,
            ..Skips::default()
        },
        modified: None,
        format: None,
    };
    if stream {
        loader.add_named_stream(path);
    } else {
        loader.add_file(path);
    }
}

/// [`read_unmeasured`] for a file whose bytes are already known to be its
/// document's text as they are ([`plain_ascii`]), without a second look
/// at them.
pub fn text_unmeasured(source: Source, text: Arc<str>, sink: &mut dyn FnMut(Loaded)) {
    Loader {
        sink,
        measuring: Measuring::Never,
        skips: Skips::default(),
        modified: None,
        format: None,
    }
    .add_plain(source, text);
}

/// Reads standard input as [`load`] does: up to [`STREAM_LIMIT`], and
/// only its first bytes if they are binary.
pub fn read_stdin(stdin: &mut dyn Read) -> std::io::Result<Capped> {
    open::read_capped(stdin)
}

/// [`read_unmeasured`] for a stream already read by [`read_stdin`].
pub fn stream_unmeasured(source: Source, capped: Capped, sink: &mut dyn FnMut(Loaded)) {
    Loader {
        sink,
        measuring: Measuring::Never,
        skips: Skips::default(),
        modified: None,
        format: None,
    }
    .add_stream(source, capped);
}

/// [`read_unmeasured`] for bytes already read.
pub fn bytes_unmeasured(
    source: Source,
    bytes: Vec<u8>,
    walked: bool,
    sink: &mut dyn FnMut(Loaded),
) {
    Loader {
        sink,
        measuring: Measuring::Never,
        skips: Skips {
            quiet: walked,
            ..Skips::default()
        },
        modified: None,
        format: None,
    }
    .add_shared(source, Arc::from(bytes));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn load_paths(paths: &[&Path]) -> Corpus {
        let inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.to_path_buf())).collect();
        load(&inputs, &mut std::io::empty())
    }

    /// Gives at most `step` bytes a read, as a network file system may.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_file_given_in_short_reads_is_read_whole() {
        let text = b"A title\n\nA paragraph that arrives a few bytes at a time.\n".repeat(200);
        let mut buffer = Vec::new();
        for step in [1, 100, 1000, 4095] {
            let file = Trickle { bytes: &text, step };
            let read = read_small_from(file, &mut buffer).unwrap();
            assert_eq!(read, Some(&text[..]), "{step} bytes a read");
        }
    }

    #[test]
    fn small_files_read_in_their_open_folder_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::write(root.join("a/one.txt"), "one").unwrap();
        fs::write(root.join("a/b/two.txt"), "two").unwrap();
        fs::write(root.join("a/three.txt"), "three").unwrap();
        // Lengths on and off page boundaries are read whole.
        for len in [0, 1, 4095, 4096, 4097, 8192, 100_000] {
            let text = "y".repeat(len);
            fs::write(root.join("a/sized.txt"), &text).unwrap();
            let (mut folder, mut buffer) = (OpenFolder::default(), Vec::new());
            let read = read_small(&root.join("a/sized.txt"), &mut folder, &mut buffer);
            assert_eq!(read.unwrap().unwrap(), text.as_bytes(), "{len}");
        }
        let limit = "x".repeat(SMALL_FILE_BYTES);
        fs::write(root.join("a/limit.txt"), &limit).unwrap();
        fs::write(root.join("a/over.txt"), format!("{limit}x")).unwrap();
        let (mut folder, mut buffer) = (OpenFolder::default(), Vec::new());
        let mut read =
            |path: &Path| read_small(path, &mut folder, &mut buffer).map(|b| b.map(<[u8]>::to_vec));
        // Into a subfolder, back out, and through `..`.
        assert_eq!(read(&root.join("a/one.txt")).unwrap().unwrap(), b"one");
        assert_eq!(read(&root.join("a/b/two.txt")).unwrap().unwrap(), b"two");
        assert_eq!(read(&root.join("a/three.txt")).unwrap().unwrap(), b"three");
        let up = root.join("a/b/../one.txt");
        assert_eq!(read(&up).unwrap().unwrap(), b"one");
        // A shorter file after a longer one leaves nothing of it behind.
        assert_eq!(
            read(&root.join("a/limit.txt")).unwrap().unwrap().len(),
            SMALL_FILE_BYTES
        );
        assert_eq!(read(&root.join("a/one.txt")).unwrap().unwrap(), b"one");
        assert_eq!(read(&root.join("a/over.txt")).unwrap(), None);
        let missing = read(&root.join("a/none.txt")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        let gone = read(&root.join("nowhere/none.txt")).unwrap_err();
        assert_eq!(gone.kind(), std::io::ErrorKind::NotFound);
        // A file named without a folder is opened where quire runs.
        let here = std::env::current_dir().unwrap().join("Cargo.toml");
        let want = fs::read(&here).unwrap();
        assert_eq!(read(Path::new("Cargo.toml")).unwrap().unwrap(), want);
    }

    #[test]
    fn a_named_file_of_no_size_is_read_as_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let (empty, full) = (dir.path().join("empty.txt"), dir.path().join("full.txt"));
        fs::write(&empty, "").unwrap();
        fs::write(&full, "text").unwrap();
        let kind = |path: &Path| {
            let mut kinds = Vec::new();
            walk(path, Order::Listed, &mut |found| {
                kinds.push(match found {
                    Found::File(_) => "file",
                    Found::Stream(_) => "stream",
                    Found::Problem(..) => "problem",
                })
            });
            kinds
        };
        assert_eq!(kind(&full), ["file"]);
        assert_eq!(kind(&empty), ["stream"]);
        // /proc's files say they are empty and give a page of records a read.
        #[cfg(target_os = "linux")]
        assert_eq!(kind(Path::new("/proc/self/maps")), ["stream"]);
    }

    /// A path longer than the kernel opens fails as `File::open` fails,
    /// though its folder and its name are each short enough to open.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_path_too_long_to_open_is_not_opened_in_parts() {
        use rustix::fs::{Mode, OFlags};
        let dir = tempfile::tempdir().unwrap();
        let name = "d".repeat(200);
        let mut folder = rustix::fs::open(dir.path(), OFlags::PATH, Mode::empty()).unwrap();
        let mut path = dir.path().to_path_buf();
        // The folder's path just under the limit, the file's over it.
        for _ in 0..20 {
            rustix::fs::mkdirat(&folder, name.as_str(), Mode::RWXU).unwrap();
            folder =
                rustix::fs::openat(&folder, name.as_str(), OFlags::PATH, Mode::empty()).unwrap();
            path.push(&name);
        }
        let flags = OFlags::CREATE | OFlags::WRONLY;
        let file = format!("{}.txt", "f".repeat(100));
        rustix::fs::openat(&folder, file.as_str(), flags, Mode::RUSR | Mode::WUSR).unwrap();
        assert!(path.as_os_str().len() < PATH_MAX);
        path.push(&file);
        assert!(path.as_os_str().len() > PATH_MAX);
        let whole = std::fs::File::open(&path).unwrap_err();
        let (mut open, mut buffer) = (OpenFolder::default(), Vec::new());
        let parts = read_small(&path, &mut open, &mut buffer).unwrap_err();
        assert_eq!(parts.kind(), whole.kind());
    }

    #[test]
    fn a_listed_walk_sorted_by_load_order_key_is_the_sorted_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "a.txt",
            "a-b.txt",
            "a/x.txt",
            "a/b/y.txt",
            "a/b.txt",
            "A.txt",
            "ab.txt",
            "a b.txt",
            "é.txt",
            "z/z/z/z.txt",
            "b.md",
            "b/c.txt",
            "b.c/d.txt",
            "0.txt",
            "README.md",
            "a/b/index.html",
        ] {
            let path = root.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
        let found = |order| {
            let mut paths = Vec::new();
            walk(root, order, &mut |found| {
                paths.push(match found {
                    Found::File(path) | Found::Stream(path) => path,
                    Found::Problem(_, at) => at,
                })
            });
            paths
        };
        let sorted = found(Order::Sorted);
        assert_eq!(sorted.len(), 17, "{sorted:?}");
        let mut listed = found(Order::Listed);
        listed.sort_by_key(|p| load_order_key(p));
        assert_eq!(listed, sorted);
    }

    #[test]
    fn bundled_articles_are_embedded() {
        let docs = bundled();
        assert_eq!(docs.len(), 5);
        assert!(docs.iter().all(|d| !d.passages.is_empty()));
        assert_eq!(
            docs[0].source.display_path(),
            "bundled/000_dffff2a86dc4afee.txt"
        );
    }

    #[test]
    fn a_path_is_markup_by_the_ending_of_its_file_name() {
        for path in [
            "notes.md",
            "a/b/Page.HTML",
            "a.md/b.txt",
            "a/b.txt/",
            "a/x.md/",
            "x.md/.",
            "a/..",
            "/",
            "",
            ".md",
            "dir/.md",
            "a/b.markdown",
            "a/b.",
            "a/b.htm.txt",
            "./c.htm",
            "a//d.md",
        ] {
            let path = Path::new(path);
            let want = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| MARKUP_ENDINGS.iter().any(|m| m.eq_ignore_ascii_case(e)));
            assert_eq!(is_markup(path), want, "{path:?}");
            assert_eq!(last_name(path), path.file_name(), "{path:?}");
        }
        for name in [
            "a.md", "a.", ".md", "..", ".", "a", "a.b.c", ".a.b", "x..y", "...", "é.txt", "a.é",
        ] {
            let name = std::ffi::OsStr::new(name);
            let want = Path::new(name).extension().and_then(|e| e.to_str());
            assert_eq!(extension_of(name), want, "{name:?}");
        }
    }

    #[test]
    fn walks_folders_recursively_skipping_hidden_and_other_endings() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub/deeper")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("a.txt"), "A\n\nbody").unwrap();
        fs::write(root.join("sub/b.md"), "B\n\nbody").unwrap();
        fs::write(root.join("sub/deeper/c.markdown"), "C").unwrap();
        fs::write(root.join("sub/d.text"), "D").unwrap();
        fs::write(root.join("sub/skip.rs"), "fn main(){}").unwrap();
        fs::write(root.join(".hidden/e.txt"), "E").unwrap();
        fs::write(root.join(".f.txt"), "F").unwrap();
        let c = load_paths(&[root]);
        let titles: Vec<_> = c.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, vec!["A", "B", "D", "C"]);
        assert!(c.problems.is_empty());
    }

    #[test]
    fn plain_ascii_files_are_taken_as_they_are_and_signatures_still_checked() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        let pdf = dir.path().join("paper.txt");
        let crlf = dir.path().join("crlf.txt");
        let text = "Plain title\n\nA first passage.\n\nA second one.\n";
        fs::write(&plain, text).unwrap();
        fs::write(&pdf, "%PDF-1.7 printable header").unwrap();
        fs::write(&crlf, "Title\r\n\r\nBody\tline\r\n").unwrap();
        let c = load_paths(&[&plain, &pdf, &crlf]);
        assert_eq!(c.documents[0].text.as_ref(), text);
        assert_eq!(c.documents[0].passage_text(1), "A second one.");
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].message.contains("PDF"), "{:?}", c.problems);
        // Not plain ASCII: decoded, line ends normalised, tabs expanded.
        assert_eq!(c.documents[1].text.as_ref(), "Title\n\nBody    line\n");
        assert_eq!(
            read_document(&plain).unwrap().text,
            c.documents[0].text,
            "R reads the same text"
        );
    }

    #[test]
    fn bad_files_are_reported_and_the_rest_opens() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        let bin = dir.path().join("bin.txt");
        let bad = dir.path().join("latin1.txt");
        fs::write(&good, "Good").unwrap();
        fs::write(&bin, b"\0\x01\x02").unwrap();
        fs::write(&bad, b"caf\xE9").unwrap();
        let missing = dir.path().join("missing.txt");
        let c = load_paths(&[&good, &missing, &bin, &bad]);
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.problems.len(), 3);
        assert!(c.problems[0].message.contains("no such file"));
        assert!(c.problems[1].message.contains("NUL"));
        assert!(c.problems[2].opened);
    }

    #[cfg(unix)]
    #[test]
    fn folder_loops_are_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("a")).unwrap();
        fs::write(root.join("a/x.txt"), "X").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        let c = load_paths(&[root]);
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].message.contains("loop"), "{}", c.problems[0]);
    }

    #[test]
    fn stdin_is_read_for_dash() {
        let c = load(&[Input::parse("-")], &mut "From stdin\n\nbody".as_bytes());
        assert_eq!(c.documents[0].title, "From stdin");
        assert_eq!(c.documents[0].source, Source::Stdin);
    }

    #[test]
    fn markdown_and_html_files_are_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("a.md");
        let html = dir.path().join("b.HTM");
        fs::write(&md, "---\ntitle: Front\n---\n# H\n\n**bold** &#27;[2J").unwrap();
        fs::write(
            &html,
            "<title>T</title><nav>menu</nav><p>Body &#27;]0;x&#7;</p>",
        )
        .unwrap();
        let c = load_paths(&[dir.path()]);
        let (a, b) = (&c.documents[0], &c.documents[1]);
        assert_eq!(a.title, "Front");
        assert_eq!(&*a.text, "H\n\nbold \u{241b}[2J");
        assert_eq!(a.spans.len(), 1);
        assert_eq!(b.title, "T");
        // The menu is folded, not shown.
        let shown: Vec<&str> = b.shown_passages().map(|(i, _)| b.passage_text(i)).collect();
        assert_eq!(shown, ["Body \u{241b}]0;x\u{2407}"]);
    }

    /// `walk` + `read_unmeasured` must find what `load` finds, in order.
    #[test]
    fn walking_and_reading_unmeasured_matches_load() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub/deeper")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("b.txt"), "B\n\nbody\r\nmore").unwrap();
        fs::write(root.join("a.txt"), "A\n\nplain body").unwrap();
        fs::write(root.join("sub/c.md"), "# C\n\n**bold**").unwrap();
        fs::write(root.join("sub/d.htm"), "<title>D</title><p>x</p>").unwrap();
        fs::write(root.join("sub/deeper/e.text"), b"caf\xE9\x1b[2J").unwrap();
        fs::write(root.join("sub/f.txt"), b"\0\x01").unwrap();
        fs::write(root.join("sub/g.txt"), "GIF89a looks like an image").unwrap();
        fs::write(root.join("sub/skip.rs"), "fn main(){}").unwrap();
        fs::write(root.join(".hidden/h.txt"), "H").unwrap();
        let missing = root.join("missing.txt");
        let inputs = [root.to_path_buf(), missing.clone()];
        let full = load_paths(&[root, &missing]);
        let mut docs = Vec::new();
        let mut problems = Vec::new();
        for input in &inputs {
            walk(input, Order::Sorted, &mut |found| {
                let (path, stream) = match found {
                    Found::File(path) => (path, false),
                    Found::Stream(path) => (path, true),
                    Found::Problem(p, _) => return problems.push(p),
                };
                let walked = path != *input;
                read_unmeasured(&path, stream, walked, &mut |item| match item {
                    Loaded::Document(d) => docs.push(d),
                    Loaded::Problem(p) => problems.push(p),
                    Loaded::Measured(..) => unreachable!("never measured"),
                })
            });
        }
        assert_eq!(problems, full.problems);
        assert_eq!(docs.len(), full.documents.len());
        for (lean, whole) in docs.iter().zip(&full.documents) {
            assert_eq!(
                (&lean.title, &lean.source, &lean.text, &lean.passages),
                (&whole.title, &whole.source, &whole.text, &whole.passages)
            );
        }
    }

    #[test]
    fn file_contents_are_sanitized() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("evil.txt");
        fs::write(&f, "Title\x1b]0;pwned\x07\n\n\x1b[2Jbody").unwrap();
        let c = load_paths(&[&f]);
        assert!(!c.documents[0].text.contains('\x1b'));
        assert!(!c.documents[0].title.contains('\x07'));
    }

    #[test]
    fn a_big_file_is_read_in_parts_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let bytes: Vec<u8> = (0..PARALLEL_READ_BYTES + 4099)
            .map(|i| b'a' + (i % 23) as u8)
            .collect();
        fs::write(&path, &bytes).unwrap();
        assert_eq!(&read_shared(&path).unwrap().0[..], &bytes[..]);
        // Parts of any size; a file shorter than the buffer says so.
        let file = fs::File::open(&path).unwrap();
        let mut small = vec![0; 1001];
        assert!(read_in_parts(&file, &mut small).unwrap());
        assert_eq!(small, bytes[..1001]);
        let mut over = vec![0; bytes.len() + 1];
        assert!(!read_in_parts(&file, &mut over).unwrap());
    }

    /// The reader's loader hands a big file over before measuring it, then
    /// the same measure `load` computes first, for the same text.
    #[test]
    fn big_plain_text_is_handed_over_before_it_is_measured() {
        let dir = tempfile::tempdir().unwrap();
        let (small, big) = (dir.path().join("small.txt"), dir.path().join("big.txt"));
        fs::write(&small, "Small\n\nA few words here.").unwrap();
        let paragraph = "Some words, then a few more words on one line.\n\n";
        let body = paragraph.repeat(MEASURE_LATER_BYTES / paragraph.len() + 1);
        fs::write(&big, format!("Big\n\n{body}")).unwrap();
        let inputs = [Input::Path(small.clone()), Input::Path(big.clone())];
        let mut seen = Vec::new();
        load_each(&inputs, None, &mut std::io::empty(), &mut |item| {
            seen.push(item)
        });
        let whole = load(&inputs, &mut std::io::empty()).documents;
        assert!(whole.iter().all(Document::is_measured));
        let [
            Loaded::Document(first),
            Loaded::Document(second),
            Loaded::Measured(text, measure),
        ] = seen.as_slice()
        else {
            panic!("{seen:?}");
        };
        assert_eq!(first, &whole[0], "small files come measured");
        assert!(!second.is_measured());
        assert_eq!((second.words, second.minutes), (0, 0));
        assert!(Arc::ptr_eq(text, &second.text));
        let mut measured = second.clone();
        measured.apply(measure.clone());
        assert_eq!(measured, whole[1]);
        assert_eq!(
            measured.words,
            10 * (MEASURE_LATER_BYTES / paragraph.len() + 1) + 1
        );
    }
}
