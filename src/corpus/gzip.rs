//! gzip-compressed text (`NEWS.gz`, `changelog.Debian.gz`): decompressed
//! with flate2, stopping at [`GZIP_LIMIT`], so a small file that would
//! expand to gigabytes (a decompression bomb) costs no more than a big
//! text file, and the reader says where it stopped.

use std::io::Read;

/// Decompressed bytes kept from one file, at most.
pub const GZIP_LIMIT: usize = 64 << 20;

/// A file's text after decompression.
#[derive(Debug)]
pub struct Unpacked {
    pub bytes: Vec<u8>,
    /// More would have followed: only the first [`GZIP_LIMIT`] bytes are kept.
    pub cut: bool,
}

/// Decompresses `compressed` (every gzip member, as `zcat` does), up to
/// `limit` bytes; only as much of it is read as that takes.
pub fn gunzip(compressed: impl Read, limit: usize) -> std::io::Result<Unpacked> {
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(compressed)
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    let cut = bytes.len() > limit;
    bytes.truncate(limit);
    Ok(Unpacked { bytes, cut })
}

/// What the reader says about a file cut at the limit.
pub fn cut_message() -> String {
    format!(
        "decompressed, it is over {} MB; only the first {} MB are shown",
        GZIP_LIMIT >> 20,
        GZIP_LIMIT >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn text_comes_back_whole() {
        let unpacked = gunzip(&gzip(b"NEWS\n\nVersion 2 is out.")[..], GZIP_LIMIT).unwrap();
        assert_eq!(unpacked.bytes, b"NEWS\n\nVersion 2 is out.");
        assert!(!unpacked.cut);
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        // 8 MB of zeros compress to about 8 KB.
        let bomb = gzip(&vec![b'a'; 8 << 20]);
        assert!(bomb.len() < 64 << 10);
        let unpacked = gunzip(&bomb[..], 1 << 20).unwrap();
        assert_eq!(unpacked.bytes.len(), 1 << 20);
        assert!(unpacked.cut);
    }

    #[test]
    fn bytes_that_are_not_gzip_are_an_error() {
        assert!(gunzip(&b"plain text, not compressed"[..], GZIP_LIMIT).is_err());
    }
}
