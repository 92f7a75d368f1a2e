//! The one module where `unsafe` is allowed (the crate denies it
//! everywhere else): turning a file's bytes into a document's text without
//! copying them. A document's text is an `Arc<str>`, and a big file read
//! into an `Arc<[u8]>` becomes that text in place, so a gigabyte file costs
//! its size once in memory instead of twice while it is loaded.
//!
//! Each function checks what its `unsafe` relies on itself, so no caller
//! can make it unsound; each has a test below.

use std::sync::Arc;

/// A shared buffer of `len` zero bytes, to read a file into.
///
/// Zeroed memory comes from the allocator already zero (fresh pages), so
/// the pages are first touched by the reads that fill them, which run on
/// several threads for a big file (see `corpus::read_shared`); writing the
/// zeros first would touch every page on one thread.
pub fn zeroed(len: usize) -> Arc<[u8]> {
    let buffer = Arc::<[u8]>::new_zeroed_slice(len);
    // SAFETY: every bit pattern, all zeros included, is a valid `u8`, and
    // `new_zeroed_slice` gave `len` zeroed bytes.
    unsafe { buffer.assume_init() }
}

/// `bytes` as text, without a copy, when they are valid UTF-8; else the
/// bytes back, untouched.
pub fn into_text(bytes: Arc<[u8]>) -> Result<Arc<str>, Arc<[u8]>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    let raw = Arc::into_raw(bytes) as *const str;
    // SAFETY: the bytes were just checked to be valid UTF-8, and `str` has
    // the layout of `[u8]`: the cast pointer keeps the same length and
    // points into the same allocation `Arc::into_raw` gave up, which
    // `Arc::from_raw` takes back with its reference counts.
    Ok(unsafe { Arc::from_raw(raw) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zeroed_buffer_holds_only_zeros() {
        assert!(zeroed(10_000).iter().all(|&b| b == 0));
        assert!(zeroed(0).is_empty());
    }

    #[test]
    fn valid_bytes_become_the_same_text_without_a_copy() {
        let bytes: Arc<[u8]> = Arc::from("Plain text, é and 微信".as_bytes());
        let at = bytes.as_ptr();
        let kept = Arc::clone(&bytes);
        let text = into_text(bytes).unwrap();
        assert_eq!(&*text, "Plain text, é and 微信");
        assert_eq!(text.as_ptr(), at);
        drop(kept);
        assert_eq!(Arc::strong_count(&text), 1);
    }

    #[test]
    fn invalid_bytes_are_given_back() {
        let bytes: Arc<[u8]> = Arc::from(&b"ok \xff\xfe not text"[..]);
        let back = into_text(Arc::clone(&bytes)).unwrap_err();
        assert_eq!(back, bytes);
    }
}
