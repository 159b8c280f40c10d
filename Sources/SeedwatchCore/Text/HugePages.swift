#if canImport(Glibc)
import Glibc
#endif

/// Large buffers of one article's text (the file read, its repaired UTF-8, the joined body, the
/// normalised bytes) backed by transparent huge pages on Linux: a 55 MB buffer written for the first
/// time took one page fault per 4 KiB page (13,500 faults; 13 % of a `scan --json` of the 55.5 MB
/// `.txt`, issue 15), and takes one per 2 MiB page once advised. The bytes written are the same;
/// only the pages that back them change.
///
/// `madvise(2)` with `MADV_HUGEPAGE` marks the advised range for transparent huge pages when the
/// system's mode is `madvise` or `always` (`/sys/kernel/mm/transparent_hugepage/enabled`); with
/// `never`, or on other systems, nothing changes. Only whole 2 MiB pages inside the buffer are
/// advised, so no byte outside it is touched and no memory beyond it is committed.
package enum HugePages {
    /// Buffers shorter than this are left alone, in bytes: 4 MiB (a buffer of two huge pages at least
    /// holds one whole aligned huge page).
    package static let minimumBytes = 4 << 20
    /// The huge page size of x86-64 and of arm64 with 4 KiB base pages, in bytes: 2 MiB.
    static let pageBytes = 2 << 20

    /// Advises the whole 2 MiB pages inside the `count` bytes at `start` for transparent huge pages;
    /// call it before the buffer is first written (a page already faulted in keeps its 4 KiB pages
    /// until the kernel's background collapse). Does nothing below ``minimumBytes``, on systems other
    /// than Linux, or when the kernel refuses (the result of `madvise` is not needed: the buffer
    /// works either way).
    @inline(__always)
    package static func advise(_ start: UnsafeMutableRawPointer, count: Int) {
        #if os(Linux)
        guard count >= minimumBytes else { return }
        let mask = UInt(pageBytes - 1)
        let address = UInt(bitPattern: start)
        let first = (address + mask) & ~mask
        let end = (address + UInt(count)) & ~mask
        guard end > first, let page = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(page, Int(end - first), MADV_HUGEPAGE)
        #endif
    }
}
