import Foundation
import Yams

/// A YAML node with its location, for strict reading: unknown keys and wrong types are errors that
/// name the file, line and key path.
public struct YAMLValue {
    public let node: Node
    public let file: String
    public let path: String

    public var line: Int? { node.mark?.line }

    /// Parses `text` (the contents of `file`) into its root node.
    /// - Throws: `YAMLFileError` when the text is not YAML or is empty.
    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            // Resolver.basic: every scalar is read as text by the accessors below, so Yams's regular-
            // expression tag resolution (int, float, bool, null…) is never needed; skipping it
            // more than half of the time parsing a model took went to it.
            guard let node = try Yams.compose(yaml: text, Resolver.basic) else {
                throw YAMLFileError(file: file, line: 1, key: "", problem: .empty)
            }
            return YAMLValue(node: node, file: file, path: "")
        } catch let error as YAMLFileError {
            throw error
        } catch let error as YamlError {
            throw YAMLFileError(file: file, line: Self.line(of: error), key: "", problem: .notYAML(detail: Self.describe(error)))
        } catch {
            throw YAMLFileError(file: file, line: nil, key: "", problem: .notYAML(detail: "\(error)"))
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    /// An error at this node: its file, line and key path.
    public func error(_ problem: YAMLFileError.Problem) -> YAMLFileError {
        YAMLFileError(file: file, line: line, key: path, problem: problem)
    }

    /// An error at this node for a rule of one reader, in words (``YAMLFileError/Problem/invalid(_:)``).
    public func error(_ message: String) -> YAMLFileError {
        error(.invalid(message))
    }

    private func child(_ node: Node, _ component: String) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? component : path + "." + component)
    }

    private func element(_ node: Node, _ index: Int) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path + "[\(index)]")
    }

    /// True for an explicit YAML null (`~`, `null`, or nothing).
    public var isNull: Bool {
        if case .scalar(let s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
        return false
    }

    /// Reads a mapping, refusing keys outside `allowed`.
    /// - Throws: `YAMLFileError` for a non-mapping node or an unknown key (naming the key and its line).
    public func mapping(allowed: Set<String>) throws -> [String: YAMLValue] {
        guard case .mapping(let mapping) = node else { throw error(.expectedMapping) }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { throw error(.keyNotAString) }
            guard allowed.contains(key) else {
                throw YAMLFileError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : path + "." + key,
                                    problem: .unknownKey(known: allowed.sorted()))
            }
            if result[key] != nil {
                throw YAMLFileError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : path + "." + key, problem: .duplicateKey)
            }
            result[key] = child(valueNode, key)
        }
        return result
    }

    /// Reads a mapping whose keys are data (codes, ids), in the file's order.
    /// - Throws: `YAMLFileError` for a non-mapping node, a key that is not a string, or a duplicate key.
    public func entries() throws -> [(key: String, value: YAMLValue)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error(.expectedMapping) }
        var seen: Set<String> = []
        var result: [(key: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { throw error(.keyNotAString) }
            guard seen.insert(key).inserted else {
                throw YAMLFileError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : path + "." + key, problem: .duplicateKey)
            }
            result.append((key, child(valueNode, key)))
        }
        return result
    }

    /// Reads a sequence; a null reads as empty.
    /// - Throws: `YAMLFileError` when the node is not a sequence.
    public func sequence() throws -> [YAMLValue] {
        if isNull { return [] }
        guard case .sequence(let seq) = node else { throw error(.expectedList) }
        return seq.enumerated().map { element($0.element, $0.offset) }
    }

    /// True when this node is a plain scalar (not a mapping or list).
    public var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    /// Reads a scalar as a string.
    /// - Throws: `YAMLFileError` when the node is a mapping or a list.
    public func string() throws -> String {
        guard case .scalar(let s) = node else { throw error(.expectedSingleValue) }
        return s.string
    }

    /// Reads a non-empty string.
    /// - Throws: `YAMLFileError` when missing, empty or not a scalar.
    public func nonEmptyString() throws -> String {
        let s = try string()
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(.emptyValue) }
        return s
    }

    /// Reads `true`/`false` (YAML 1.1 spellings `yes`/`no`/`on`/`off` too).
    /// - Throws: `YAMLFileError` for anything else.
    public func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(.expectedBoolean)
        }
    }

    /// Reads a number.
    /// - Throws: `YAMLFileError` when the value is not a finite number.
    public func double() throws -> Double {
        let s = try string()
        guard let v = Double(s), v.isFinite else { throw error(.expectedNumber(got: s)) }
        return v
    }

    /// Reads a whole number.
    /// - Throws: `YAMLFileError` when the value is not an integer.
    public func int() throws -> Int {
        let s = try string()
        guard let v = Int(s) else { throw error(.expectedWholeNumber(got: s)) }
        return v
    }

    /// Reads a duration in seconds: a number of seconds, or a string with a unit `s`, `m`, `h`, `d`
    /// (`90s`, `15m`, `1h`, `7d`); also `ms` for milliseconds.
    /// - Returns: the duration in seconds.
    /// - Throws: `YAMLFileError` for a malformed or negative duration.
    public func durationSeconds() throws -> Double {
        let s = try string()
        guard let v = DurationParser.seconds(s) else {
            throw error(.expectedDuration(got: s))
        }
        return v
    }

    /// Reads a size in bytes: a whole number, or a number with a unit `B`, `KB`, `MB`, `GB` (powers
    /// of 1000) or `KiB`, `MiB`, `GiB` (powers of 1024), e.g. `64MiB`.
    /// - Returns: the size in bytes.
    /// - Throws: `YAMLFileError` for a malformed or negative size.
    public func byteCount() throws -> Int {
        let s = try string()
        guard let v = ByteCountParser.bytes(s) else {
            throw error(.expectedSize(got: s))
        }
        return v
    }
}

/// Parses durations written as `90`, `90s`, `15m`, `1h`, `7d`, `250ms`, `1.5h`.
public enum DurationParser {
    /// The longest duration accepted, in seconds: 100 years (of 365.25 days). Longer ones are
    /// refused: the daemon turns durations into nanosecond counts (`Int64`, at most ~292 years) for
    /// its timers, and a value past that (`rescan: 1e25`) would stop it with a trap, not an error.
    public static let maximumSeconds: Double = 100 * 365.25 * 86400

    /// - Returns: seconds, or `nil` when `text` is not a non-negative duration of at most
    ///   ``maximumSeconds``.
    public static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 604800)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let v = Double(number), v.isFinite, v >= 0 { return bounded(v * factor) }
            if suffix == "s" { continue }  // "ms" handled first; fall through
            return nil
        }
        if let v = Double(t), v.isFinite, v >= 0 { return bounded(v) }
        return nil
    }

    private static func bounded(_ seconds: Double) -> Double? {
        seconds <= maximumSeconds ? seconds : nil
    }
}

/// Parses sizes written as `1048576`, `512KiB`, `64MiB`, `2GB`.
public enum ByteCountParser {
    /// The largest size accepted, in bytes: 2^53 (8 PiB), the largest whole number a `Double`
    /// holds exactly. A larger one (`1e30GiB`) is refused rather than converted to `Int`, which
    /// would stop the program with a trap instead of a configuration error.
    public static let maximumBytes: Int = 1 << 53

    /// - Returns: bytes, or `nil` when `text` is not a non-negative size of at most ``maximumBytes``.
    public static func bytes(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [
            ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024 * 1024 * 1024),
            ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
        ]
        for (suffix, factor) in units where t.lowercased().hasSuffix(suffix.lowercased()) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v.isFinite, v >= 0, v * factor <= Double(maximumBytes) else { return nil }
            return Int(v * factor)
        }
        if let v = Int(t), v >= 0, v <= maximumBytes { return v }
        return nil
    }
}
