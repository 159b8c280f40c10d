import Foundation

/// A tiny reader for the Python-like `Expect:` expressions of the feedparser suite
/// (`not bozo and entries[0]['title'] == u'caf\xe9'`): enough to pick out the comparisons the
/// conformance test evaluates.
indirect enum PyExpr: Equatable {
    case string(String)
    case number(Double)
    case tuple([PyExpr])
    case name(String)
    case subscriptExpr(PyExpr, PyExpr)
    case attribute(PyExpr, String)
    case call(String, [PyExpr])
    case not(PyExpr)
    case and([PyExpr])
    case or([PyExpr])
    case compare(String, PyExpr, PyExpr)

    /// Parses `text`; `nil` when the syntax is outside this subset.
    static func parse(_ text: String) -> PyExpr? {
        guard let tokens = tokenize(text) else { return nil }
        var p = Parser(tokens: tokens)
        guard let e = p.orExpr(), p.index == tokens.count else { return nil }
        return e
    }

    /// `entries[0].title` and `entries[0]['title']` both as `entries[0].title`; `nil` for non-paths.
    var path: String? {
        switch self {
        case .name(let n): return n
        case .attribute(let base, let n): return base.path.map { $0 + "." + n }
        case .subscriptExpr(let base, .string(let key)): return base.path.map { $0 + "." + key }
        case .subscriptExpr(let base, .number(let i)): return base.path.map { $0 + "[\(Int(i))]" }
        default: return nil
        }
    }

    enum Token: Equatable {
        case string(String), number(Double), ident(String), op(String)
    }

    static func tokenize(_ s: String) -> [Token]? {
        let c = Array(s.unicodeScalars)
        var i = 0
        var out: [Token] = []
        while i < c.count {
            let ch = c[i]
            if ch == " " || ch == "\t" { i += 1; continue }
            if (ch == "u" || ch == "b" || ch == "r") && i + 1 < c.count && (c[i + 1] == "'" || c[i + 1] == "\"") { i += 1; continue }
            if ch == "'" || ch == "\"" {
                var value = String.UnicodeScalarView()
                i += 1
                while i < c.count && c[i] != ch {
                    if c[i] == "\\" && i + 1 < c.count {
                        let e = c[i + 1]
                        i += 2
                        switch e {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        case "r": value.append("\r")
                        case "x", "u", "U":
                            let width = e == "x" ? 2 : e == "u" ? 4 : 8
                            guard i + width <= c.count, let v = UInt32(String(String.UnicodeScalarView(c[i..<(i + width)])), radix: 16),
                                  let scalar = Unicode.Scalar(v) else { return nil }
                            value.append(scalar)
                            i += width
                        default: value.append(e)
                        }
                    } else {
                        value.append(c[i]); i += 1
                    }
                }
                guard i < c.count else { return nil }
                i += 1
                out.append(.string(String(value)))
                continue
            }
            if ch.properties.numericType != nil && ch.isASCII || (ch == "-" && i + 1 < c.count && c[i + 1].isASCII && c[i + 1].properties.numericType != nil) {
                var j = i + 1
                while j < c.count && (c[j].isASCII && (c[j].properties.numericType != nil || c[j] == ".")) { j += 1 }
                guard let v = Double(String(String.UnicodeScalarView(c[i..<j]))) else { return nil }
                out.append(.number(v)); i = j
                continue
            }
            if ch.properties.isAlphabetic || ch == "_" {
                var j = i + 1
                while j < c.count && (c[j].properties.isAlphabetic || c[j] == "_" || (c[j].isASCII && c[j].properties.numericType != nil)) { j += 1 }
                out.append(.ident(String(String.UnicodeScalarView(c[i..<j])))); i = j
                continue
            }
            if i + 1 < c.count, ["==", "!=", "<=", ">="].contains(String(ch) + String(c[i + 1])) {
                out.append(.op(String(ch) + String(c[i + 1]))); i += 2
                continue
            }
            if "()[],.<>".unicodeScalars.contains(ch) { out.append(.op(String(ch))); i += 1; continue }
            return nil
        }
        return out
    }

    struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func accept(_ t: Token) -> Bool {
            if index < tokens.count && tokens[index] == t { index += 1; return true }
            return false
        }

        mutating func orExpr() -> PyExpr? {
            guard var first = andExpr() else { return nil }
            var parts = [first]
            while accept(.ident("or")) { guard let n = andExpr() else { return nil }; parts.append(n) }
            first = parts.count == 1 ? first : .or(parts)
            return first
        }

        mutating func andExpr() -> PyExpr? {
            guard let first = notExpr() else { return nil }
            var parts = [first]
            while accept(.ident("and")) { guard let n = notExpr() else { return nil }; parts.append(n) }
            return parts.count == 1 ? first : .and(parts)
        }

        mutating func notExpr() -> PyExpr? {
            if accept(.ident("not")) { return notExpr().map { .not($0) } }
            return comparison()
        }

        mutating func comparison() -> PyExpr? {
            guard let lhs = postfix() else { return nil }
            for op in ["==", "!=", "<", ">", "<=", ">="] where accept(.op(op)) {
                return postfix().map { .compare(op, lhs, $0) }
            }
            if accept(.ident("in")) { return postfix().map { .compare("in", lhs, $0) } }
            if index + 1 < tokens.count, tokens[index] == .ident("not"), tokens[index + 1] == .ident("in") {
                index += 2
                return postfix().map { .compare("not in", lhs, $0) }
            }
            return lhs
        }

        mutating func postfix() -> PyExpr? {
            guard var e = primary() else { return nil }
            while true {
                if accept(.op("[")) {
                    guard let key = orExpr(), accept(.op("]")) else { return nil }
                    e = .subscriptExpr(e, key)
                } else if accept(.op(".")) {
                    guard index < tokens.count, case .ident(let n) = tokens[index] else { return nil }
                    index += 1
                    if accept(.op("(")) {
                        var args: [PyExpr] = [e]
                        while !accept(.op(")")) {
                            guard let a = orExpr() else { return nil }
                            args.append(a)
                            _ = accept(.op(","))
                        }
                        e = .call("." + n, args)
                    } else {
                        e = .attribute(e, n)
                    }
                } else {
                    return e
                }
            }
        }

        mutating func primary() -> PyExpr? {
            guard index < tokens.count else { return nil }
            let t = tokens[index]
            index += 1
            switch t {
            case .string(var s):
                while index < tokens.count, case .string(let more) = tokens[index] { s += more; index += 1 }
                return .string(s)
            case .number(let v): return .number(v)
            case .ident(let n):
                if accept(.op("(")) {
                    var args: [PyExpr] = []
                    while !accept(.op(")")) {
                        guard let a = orExpr() else { return nil }
                        args.append(a)
                        _ = accept(.op(","))
                    }
                    return .call(n, args)
                }
                return .name(n)
            case .op("("), .op("["):
                let close: Token = t == .op("(") ? .op(")") : .op("]")
                var items: [PyExpr] = []
                while !accept(close) {
                    guard let a = orExpr() else { return nil }
                    items.append(a)
                    _ = accept(.op(","))
                }
                return items.count == 1 && t == .op("(") ? items[0] : .tuple(items)
            default:
                return nil
            }
        }
    }
}
