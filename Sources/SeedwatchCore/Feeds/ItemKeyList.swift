import Foundation

/// Strings of one feed document in document order (its items' keys, DESIGN §7 and ``ItemKey``;
/// their GUIDs and links while the keys are worked out), kept as one UTF-8 byte buffer with each
/// string's end offset instead of a `String` each: 100,000 keys take their bytes plus 8 bytes each
/// (issue 11: a document of 100,000 new items).
public struct ItemKeyList: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral {
    private var bytes: [UInt8] = []
    /// Each string's end offset in `bytes`, in bytes.
    private var ends: [Int] = []

    public init() {}

    public init(_ strings: some Sequence<String>) {
        for s in strings { append(s) }
    }

    public init(arrayLiteral elements: String...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    /// The string at `position`.
    public subscript(position: Int) -> String { String(decoding: utf8(position), as: UTF8.self) }

    /// The UTF-8 bytes of the string at `position`.
    public func utf8(_ position: Int) -> ArraySlice<UInt8> {
        bytes[(position == 0 ? 0 : ends[position - 1])..<ends[position]]
    }

    /// Appends `string`.
    public mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        ends.append(bytes.count)
    }

    /// Appends the string whose UTF-8 is `utf8`.
    public mutating func append(utf8: some Collection<UInt8>) {
        bytes.append(contentsOf: utf8)
        ends.append(bytes.count)
    }

    /// Every position, ordered by its string's bytes (ties by position): a sorted index, instead of
    /// a hash table of the strings, for ``repeated(among:)`` and ``SortedItemKeys``.
    func sortedPositions() -> [Int32] {
        var order = (0..<Int32(ends.count)).map { $0 }
        bytes.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                order.sort { a, b in
                    let x = UnsafeBufferPointer(rebasing: all[(a == 0 ? 0 : ends[Int(a) - 1])..<ends[Int(a)]])
                    let y = UnsafeBufferPointer(rebasing: all[(b == 0 ? 0 : ends[Int(b) - 1])..<ends[Int(b)]])
                    let c = Self.compare(x, y)
                    return c != 0 ? c < 0 : a < b
                }
            }
        }
        return order
    }

    /// Which positions hold a string that another position of `among` also holds (`among[i]`
    /// false: position `i` takes no part, e.g. an item without a GUID).
    /// - Returns: one flag per position.
    func repeated(among: [Bool]) -> [Bool] {
        var flags = [Bool](repeating: false, count: ends.count)
        let order = sortedPositions().filter { among[Int($0)] }
        var i = 0
        while i < order.count {
            var j = i + 1
            while j < order.count && utf8(Int(order[j])) == utf8(Int(order[i])) { j += 1 }
            if j - i > 1 { for p in order[i..<j] { flags[Int(p)] = true } }
            i = j
        }
        return flags
    }

    /// memcmp order of two byte strings, the shorter first on a common prefix: < 0, 0 or > 0.
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = Swift.min(x.count, y.count)
        if n > 0 {
            let c = memcmp(x.baseAddress!, y.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return x.count - y.count
    }

    /// Calls `body` with the bytes of the string at `position`.
    func withUTF8<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[(position == 0 ? 0 : ends[position - 1])..<ends[position]]))
        }
    }
}

/// An ``ItemKeyList`` with a sorted index, to ask whether a key is one of them in O(log n) without
/// a hash set of `String`s (4 bytes a key besides the list).
public struct SortedItemKeys: Sendable, Hashable {
    public let keys: ItemKeyList
    private let order: [Int32]

    public init(_ keys: ItemKeyList) {
        self.keys = keys
        order = keys.sortedPositions()
    }

    /// Whether `utf8` is one of the keys.
    public func contains(utf8: some Collection<UInt8>) -> Bool {
        let probe = Array(utf8)
        return probe.withUnsafeBufferPointer { p -> Bool in
            var low = 0, high = order.count
            while low < high {
                let mid = (low + high) / 2
                let c = keys.withUTF8(Int(order[mid])) { ItemKeyList.compare($0, p) }
                if c == 0 { return true }
                if c < 0 { low = mid + 1 } else { high = mid }
            }
            return false
        }
    }
}
