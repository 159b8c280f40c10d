import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `metrics.listen`: the loopback address and TCP port where the daemon serves its metrics over
/// HTTP (`GET /metrics`, the Prometheus text exposition format).
///
/// The endpoint is loopback-only: the address must be in 127.0.0.0/8 or be `::1` (RFC 5735 §3,
/// RFC 4291 §2.5.3), so the metrics are never exposed to the network by a configuration slip.
/// Written forms: `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` (127.0.0.1) or a bare port
/// `9464` (127.0.0.1). Port 0 lets the system choose a free port, which the daemon logs.
public struct MetricsListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The numeric address, as written (`127.0.0.1`, `::1`).
    public var host: String
    /// The TCP port, 0 for one the system chooses.
    public var port: UInt16
    /// True for `::1`, false for an IPv4 address.
    public var isIPv6: Bool

    public init(host: String, port: UInt16, isIPv6: Bool) {
        self.host = host
        self.port = port
        self.isIPv6 = isIPv6
    }

    /// `HOST:PORT`, with the IPv6 address in brackets (RFC 3986 §3.2.2).
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Why a `metrics.listen` value is refused.
    public enum Problem: Error, Sendable, Equatable {
        /// Not `HOST:PORT`, `[IPv6]:PORT` or `PORT`, or the port is not 0–65535.
        case malformed
        /// A well-formed address outside 127.0.0.0/8 and `::1`.
        case notLoopback
    }

    /// Reads a `metrics.listen` value.
    /// - Parameter text: the value as written.
    /// - Throws: ``Problem``.
    public static func parse(_ text: String) throws(Problem) -> MetricsListenAddress {
        let value = text.trimmingCharacters(in: .whitespaces)
        var host = "127.0.0.1"
        var portText = Substring(value)
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]"), value[value.index(after: close)...].hasPrefix(":") else { throw .malformed }
            host = String(value[value.index(after: value.startIndex)..<close])
            portText = value[value.index(close, offsetBy: 2)...]
        } else if let colon = value.lastIndex(of: ":") {
            host = String(value[..<colon])
            guard !host.contains(":") else { throw .malformed }  // an IPv6 address needs brackets
            portText = value[value.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              portText.count <= 5, let port = Int(portText), port <= 65_535 else { throw .malformed }
        if host.lowercased() == "localhost" { host = "127.0.0.1" }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network byte order: its first byte in memory is the first octet.
            let firstOctet = withUnsafeBytes(of: &v4) { $0[0] }
            guard firstOctet == 127 else { throw .notLoopback }
            return MetricsListenAddress(host: host, port: UInt16(port), isIPv6: false)
        }
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            guard bytes == Array(repeating: 0, count: 15) + [1] else { throw .notLoopback }
            return MetricsListenAddress(host: "::1", port: UInt16(port), isIPv6: true)
        }
        // A host name other than localhost: the endpoint binds numeric loopback addresses only.
        throw host.isEmpty ? .malformed : .notLoopback
    }
}
