#if canImport(Glibc)
import Glibc
#endif

/// Makes glibc's `malloc` give every block of 256 KiB or more its own mapping, returned to the
/// system when freed, for the whole process (`mallopt(M_MMAP_THRESHOLD, 262144)`, mallopt(3)).
///
/// Without it glibc raises its mapping threshold to the size of each large block freed (up to
/// 32 MiB), so that the next blocks of one article (its text, its normalised bytes, its mentions)
/// come from the heap, and the heap keeps the space they free: a scan of a 9.6 MB article that
/// alerts in every sentence held freed buffers beside the live ones, 4.1× the article above the idle
/// process by peak RSS where its live blocks never exceed 3× (issue 15, peak memory of one article).
/// Blocks below the threshold (every buffer of an ordinary article) are allocated as before. A
/// fixed threshold also fixes the heap's trim threshold at its default (128 KiB). On systems other
/// than Linux, or when glibc refuses, nothing changes.
public enum LargeBlockRelease {
    /// The mapping threshold set, in bytes: 256 KiB.
    public static let thresholdBytes: Int32 = 256 << 10

    /// Sets the threshold; call it once at the start of a command that reads articles.
    public static func configure() {
        #if canImport(Glibc)
        _ = glibcMallopt(mmapThresholdParameter, thresholdBytes)
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `M_MMAP_THRESHOLD` (`<malloc.h>`, which the Glibc module does not import).
    private static let mmapThresholdParameter: Int32 = -3
    #endif
}

#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)` (`<malloc.h>`, not in the Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
