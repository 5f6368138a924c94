//! Giving freed memory back to the system (glibc's allocator; elsewhere these do nothing).
//!
//! The soak (`scripts/soak.sh`) saw the server's RSS climb to 249 MiB although every document
//! is bounded: glibc keeps what a thread frees in that thread's arena, every thread that ever
//! allocates gets an arena of its own (up to eight per core), and after a large block is freed
//! it raises its mmap threshold, so the next large buffers (a megabyte of text, its tokens,
//! an answer) come from the arenas and stay there once freed. Two settings at start and a trim
//! after each large document keep the peak near what the documents in flight need:
//! - the mmap threshold is fixed at [`MMAP_THRESHOLD`], so large buffers are mapped and
//!   unmapped on free instead of settling in an arena;
//! - at most [`MAX_ARENAS`] arenas, so memory freed on one thread is reused by the others;
//! - [`release_after`] a document of at least [`TRIM_AFTER_BYTES`]: `malloc_trim` hands the
//!   arenas' free pages back (a few hundred microseconds, on the worker, after the answer is sent).

/// Allocations at least this large are mapped on their own.
pub const MMAP_THRESHOLD: usize = 256 * 1024;
/// Arenas glibc may create.
pub const MAX_ARENAS: usize = 4;
/// Documents at least this large are followed by a trim.
pub const TRIM_AFTER_BYTES: usize = 64 * 1024;

/// Sets the allocator up; called once when the server starts.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let as_int = |n: usize| libc::c_int::try_from(n).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only changes allocator parameters; it takes plain integers and is
        // safe to call at any time.
        let (threshold, arenas) = unsafe {
            (libc::mallopt(libc::M_MMAP_THRESHOLD, as_int(MMAP_THRESHOLD)), libc::mallopt(libc::M_ARENA_MAX, as_int(MAX_ARENAS)))
        };
        if threshold != 1 || arenas != 1 {
            tracing::warn!("the allocator refused a setting; memory may be retained longer");
        }
    }
}

/// After a document of `content_bytes`: its freed memory goes back to the system when it was
/// large.
pub fn release_after(content_bytes: usize) {
    if content_bytes < TRIM_AFTER_BYTES {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's own heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
