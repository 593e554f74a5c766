//! How the process asks glibc's allocator to hand memory back: pictures pass through in
//! blocks of megabytes, and by default glibc keeps such blocks once freed.

/// Blocks of 1 MiB and more are mapped on their own and unmapped when freed, and free
/// memory at the top of the heap is returned above 1 MiB. By default glibc raises its
/// mapping threshold (to 32 MiB) after the first large block is freed, so later photos
/// land in per-thread heaps that stay as large as the largest picture seen. Measured with
/// 32 clients sending 5 MB photos: peak 130 MiB by default, 73 MiB with this (idle 40 →
/// 21 MiB); benches/load, BENCHMARKS.md.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(
    unsafe_code,
    reason = "mallopt has no safe wrapper; it only sets two numbers"
)]
pub fn return_large_blocks() {
    const ONE_MIB: libc::c_int = 1 << 20;
    // SAFETY: mallopt only changes allocator parameters; it is called at startup, and glibc
    // serialises it against other allocator calls in any case.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, ONE_MIB);
        libc::mallopt(libc::M_TRIM_THRESHOLD, ONE_MIB);
    }
}

/// Other allocators return large blocks already.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks() {}
