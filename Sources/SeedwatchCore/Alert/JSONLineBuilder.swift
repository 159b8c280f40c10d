/// A minimal JSON writer that keeps keys in the order they are written (RFC 8259).
///
/// `JSONEncoder` sorts or scrambles keys; the alert log promises the key order of DESIGN §6, so
/// alert lines are built by hand. Strings are escaped so the output never holds a raw line break:
/// `"`, `\` and U+0000–U+001F are escaped, and so are U+2028 and U+2029 (line separators for some
/// JSON Lines readers).
struct JSONLineBuilder {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member or element needs a leading comma, one flag per open container.
    private var needsComma: [Bool] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Writes `"name":` and leaves the value to the next call.
    mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `value` rounded to 2 decimals (half away from zero), without trailing zeros:
    /// 12.345 → `12.35`, 7.0 → `7`, 0.5 → `0.5`. A non-finite value is written as `null`.
    mutating func decimal2(_ value: Double) {
        separate()
        bytes.append(contentsOf: JSONLineBuilder.formatDecimal2(value).utf8)
    }

    /// The text `decimal2` writes.
    static func formatDecimal2(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let hundredths = (value * 100).rounded(.toNearestOrAwayFromZero)
        guard abs(hundredths) < 9.0e15 else { return String(value) }
        let cents = Int64(hundredths)
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    private var pendingValueAfterKey = false

    private mutating func separate() {
        if pendingValueAfterKey {
            // The value of a member follows its key without a comma.
            pendingValueAfterKey = false
            return
        }
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends valid UTF-8 with the escapes of ``appendString(_:)``: runs that need none are copied
    /// whole; `"`, `\\`, U+0000–U+001F and U+2028/U+2029 (`E2 80 A8`/`E2 80 A9`) are escaped.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let p = utf8.baseAddress else { return }
        let n = utf8.count
        var run = 0
        var i = 0
        while i < n {
            let b = p[i]
            let escape: UInt8
            switch b {
            case 0x22: escape = 0x22
            case 0x5C: escape = 0x5C
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x08: escape = UInt8(ascii: "b")
            case 0x0C: escape = UInt8(ascii: "f")
            case 0x00..<0x20: escape = 0
            case 0xE2 where i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9): escape = 0
            default:
                i += 1
                continue
            }
            if run < i { bytes.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run)) }
            if escape != 0 {
                bytes.append(0x5C)
                bytes.append(escape)
                i += 1
            } else {
                let v: UInt32 = b == 0xE2 ? (p[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(b)
                bytes.append(0x5C)
                bytes.append(UInt8(ascii: "u"))
                bytes.append(JSONLineBuilder.hexDigits[Int((v >> 12) & 0xF)])
                bytes.append(JSONLineBuilder.hexDigits[Int((v >> 8) & 0xF)])
                bytes.append(JSONLineBuilder.hexDigits[Int((v >> 4) & 0xF)])
                bytes.append(JSONLineBuilder.hexDigits[Int(v & 0xF)])
                i += b == 0xE2 ? 3 : 1
            }
            run = i
        }
        if run < n { bytes.append(contentsOf: UnsafeBufferPointer(start: p + run, count: n - run)) }
    }
}
