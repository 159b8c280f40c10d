import Crypto
import Foundation

/// The stored form of a compiled ``PatternAutomaton``: its tables as little-endian integers, so that
/// a process can load the automaton of a model it has compiled before instead of compiling it again
/// (``AutomatonCache``).
///
/// Layout (all integers little-endian): `"SWPA"`, the format version (UInt32), the 32-byte key
/// (``storedKey(patterns:wordStart:codeIdentity:)``), seven UInt32 counts (class count, start row,
/// longest pattern, pattern count, transitions, output starts, output list), the 256 byte classes,
/// the transitions, output starts, output list and pattern lengths (Int32 each), then the SHA-256
/// of everything before it.
///
/// A stored automaton is only ever used when it is exactly what compiling would make: the key
/// hashes every pattern's bytes, its word-start flag, ``storedFormatVersion`` and the running
/// binary's identity; the checksum catches a torn or corrupt file; ``init(stored:key:patterns:)``
/// checks every table index before the unchecked scan can read it, and that every pattern is
/// found in its own text.
extension PatternAutomaton {
    /// The version of the compile algorithm and of the stored layout. Bump it when either changes:
    /// a stored automaton of another version is never read (it is compiled again and replaced).
    public static let storedFormatVersion: UInt32 = 1

    static let storedMagic: [UInt8] = Array("SWPA".utf8)

    /// The key of the automaton compiled from `patterns` and `wordStart` by the code `codeIdentity`
    /// names (any bytes; ``AutomatonCache`` passes the running executable's identity): the SHA-256 of
    /// the format version, the code identity, and every pattern's length, bytes and word-start flag.
    /// - Returns: 32 bytes.
    public static func storedKey(patterns: [[UInt8]], wordStart: [Bool]?, codeIdentity: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        var head: [UInt8] = storedMagic
        appendUInt32(storedFormatVersion, to: &head)
        appendUInt32(UInt32(truncatingIfNeeded: codeIdentity.count), to: &head)
        head += codeIdentity
        appendUInt32(UInt32(truncatingIfNeeded: patterns.count), to: &head)
        hasher.update(data: head)
        var piece: [UInt8] = []
        for (index, pattern) in patterns.enumerated() {
            piece.removeAll(keepingCapacity: true)
            appendUInt32(UInt32(truncatingIfNeeded: pattern.count), to: &piece)
            piece.append(wordStart?[index] == true ? 1 : 0)
            piece += pattern
            hasher.update(data: piece)
        }
        return Array(hasher.finalize())
    }

    /// The stored form of this automaton under `key` (32 bytes from ``storedKey(patterns:wordStart:codeIdentity:)``).
    public func stored(key: [UInt8]) -> [UInt8] {
        precondition(key.count == 32, "a stored automaton's key is 32 bytes")
        var out: [UInt8] = []
        out.reserveCapacity(64 + 256 + 4 * (transitions.count + outputStart.count + outputList.count + patternLengths.count) + 32)
        out += Self.storedMagic
        Self.appendUInt32(Self.storedFormatVersion, to: &out)
        out += key
        for count in [classCount, startRow, maxPatternLength, patternLengths.count, transitions.count, outputStart.count, outputList.count] {
            Self.appendUInt32(UInt32(truncatingIfNeeded: count), to: &out)
        }
        out += byteClass
        for table in [transitions, outputStart, outputList] {
            for v in table { Self.appendUInt32(UInt32(bitPattern: v), to: &out) }
        }
        for length in patternLengths { Self.appendUInt32(UInt32(truncatingIfNeeded: length), to: &out) }
        return Self.sealed(out)
    }

    /// `body` followed by its SHA-256: the stored form's last 32 bytes.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        body + Array(SHA256.hash(data: body))
    }

    /// The payload of a stored file that ``sealed(_:)`` made from `magic` (4 bytes), `version`
    /// (UInt32, little-endian), `key` (32 bytes) and the payload: the range of its bytes after that
    /// 40-byte head and before the 32-byte checksum, or `nil` when the file is shorter than head and
    /// checksum, its SHA-256 is wrong or its head differs.
    static func sealedPayload(_ stored: [UInt8], magic: [UInt8], version: UInt32, key: [UInt8]) -> Range<Int>? {
        let head = 4 + 4 + 32
        guard stored.count >= head + 32 else { return nil }
        let body = stored.count - 32
        guard Array(SHA256.hash(data: stored[0..<body])) == Array(stored[body...]),
              Array(stored[0..<4]) == magic, readUInt32(stored, at: 4) == version,
              Array(stored[8..<40]) == key else { return nil }
        return head..<body
    }

    /// Reads a stored automaton, or `nil` when `stored` is not, as far as can be checked, the
    /// automaton that compiling `patterns` would make (their word-start flags are in `key`): wrong magic,
    /// format version, key or checksum; a count that does not fit the size; a table index out of
    /// range; an output mark that disagrees with the output list; a pattern length that differs; or
    /// a pattern that is not reported at the end of its own bytes.
    public init?(stored: [UInt8], key: [UInt8], patterns: [[UInt8]]) {
        let headerSize = 4 + 4 + 32 + 7 * 4
        guard stored.count >= headerSize + 256 + 32 else { return nil }
        guard let body = Self.sealedPayload(stored, magic: Self.storedMagic, version: Self.storedFormatVersion,
                                            key: key)?.upperBound else { return nil }
        var counts: [Int] = []
        for k in 0..<7 { counts.append(Int(Self.readUInt32(stored, at: 40 + 4 * k))) }
        let (classCount, startRow, maxPatternLength, patternCount, transitionCount, startCount, listCount) =
            (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6])
        guard classCount >= 1, classCount <= 257, startCount >= 2, patternCount == patterns.count,
              transitionCount == (startCount - 1) * classCount,
              body == headerSize + 256 + 4 * (transitionCount + startCount + listCount + patternCount) else { return nil }
        let stateCount = startCount - 1
        var offset = headerSize
        let byteClass = Array(stored[offset..<offset + 256])
        offset += 256
        guard byteClass.allSatisfy({ Int($0) < classCount }) else { return nil }
        func table(_ count: Int) -> [Int32] {
            let start = offset
            offset += 4 * count
            return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
                stored.withUnsafeBytes { raw in
                    for k in 0..<count { buffer[k] = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * k, as: Int32.self)) }
                }
                initialized = count
            }
        }
        let transitions = table(transitionCount)
        let outputStart = table(startCount)
        let outputList = table(listCount)
        let lengths = table(patternCount).map(Int.init)
        guard outputStart[0] == 0, Int(outputStart[stateCount]) == listCount,
              zip(outputStart, outputStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              outputList.allSatisfy({ $0 >= 0 && Int($0) < patternCount }),
              startRow % classCount == 0, startRow / classCount < stateCount,
              lengths == patterns.map(\.count), maxPatternLength == (lengths.max() ?? 0) else { return nil }
        // Each transition must name a row's first entry, marked exactly when that row's state has
        // outputs: one load of `rowMark` per transition (1: a row, 2: a row with outputs), no division.
        var rowMark = [UInt8](repeating: 0, count: transitionCount)
        for state in 0..<stateCount {
            rowMark[state * classCount] = outputStart[state + 1] > outputStart[state] ? 2 : 1
        }
        let valid = transitions.withUnsafeBufferPointer { table in
            rowMark.withUnsafeBufferPointer { marks in
                var ok = true
                for t in table {
                    let marked = t < 0
                    let row = Int(marked ? ~t : t)
                    guard row < transitionCount else { return false }
                    let mark = marks[row]
                    ok = ok && mark != 0 && (mark == 2) == marked
                }
                return ok
            }
        }
        guard valid else { return nil }
        self.init(classCount: classCount, byteClass: byteClass, transitions: transitions, startRow: startRow,
                  outputStart: outputStart, outputList: outputList, patternLengths: lengths, maxPatternLength: maxPatternLength)
        // Every pattern must be found in its own bytes (at the text's start, where a word may start).
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var found = false
            pattern.withUnsafeBufferPointer { text in
                scan(text) { p, end in if p == index && end == pattern.count { found = true } }
            }
            guard found else { return nil }
        }
    }

    private init(classCount: Int, byteClass: [UInt8], transitions: [Int32], startRow: Int, outputStart: [Int32],
                 outputList: [Int32], patternLengths: [Int], maxPatternLength: Int) {
        self.classCount = classCount
        self.byteClass = byteClass
        self.transitions = transitions
        self.startRow = startRow
        self.outputStart = outputStart
        self.outputList = outputList
        self.patternLengths = patternLengths
        self.maxPatternLength = maxPatternLength
    }

    /// Whether two automata have the same tables (a stored one read back equals the compiled one).
    public func hasSameTables(as other: PatternAutomaton) -> Bool {
        classCount == other.classCount && byteClass == other.byteClass && transitions == other.transitions
            && startRow == other.startRow && outputStart == other.outputStart && outputList == other.outputList
            && patternLengths == other.patternLengths && maxPatternLength == other.maxPatternLength
    }

    static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    static func readUInt32(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }
}
