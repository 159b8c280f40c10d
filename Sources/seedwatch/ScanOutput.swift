import Foundation

/// `scan --json`'s standard output, written in pieces of at least ``pieceBytes`` bytes instead of
/// one `write` per line (889 pages made 889 system calls). ``flush()`` before anything goes to
/// standard error, so that the two streams keep their order on a terminal.
struct ScanOutput {
    /// Lines are held until they reach this many bytes.
    static let pieceBytes = 1 << 16
    private var buffer: [UInt8] = []

    /// Adds `bytes` (whole lines) to the output.
    mutating func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= Self.pieceBytes { flush() }
    }

    /// Writes what is held.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
