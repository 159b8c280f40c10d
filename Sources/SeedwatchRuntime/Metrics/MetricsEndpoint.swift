import FlyingFox
import FlyingSocks
import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// The HTTP endpoint of `metrics.listen`: `GET /metrics` answers 200 with the Prometheus text
/// exposition format (`text/plain; version=0.0.4`, Prometheus "Exposition formats"); any other
/// path answers 404. Served by FlyingFox, a small HTTP/1.1 server over BSD sockets (no SwiftNIO),
/// on the loopback address of ``MetricsListenAddress`` only.
package final class MetricsEndpoint: Sendable {
    /// Why the endpoint cannot listen; ``description`` names the address and what to do.
    package enum StartError: Error, Sendable, Equatable, CustomStringConvertible {
        /// `bind(2)` or `listen(2)` failed: `errno` is the system's error number (98, `EADDRINUSE`:
        /// another program holds the port), `reason` its text.
        case cannotListen(address: MetricsListenAddress, errno: Int32, reason: String)
        /// The server did not start listening, for a reason other than the socket calls.
        case failed(address: MetricsListenAddress, reason: String)

        package var description: String {
            switch self {
            case .cannotListen(let address, let code, let reason):
                let hint = code == EADDRINUSE ? "; another program listens there: choose another port in metrics.listen" : ""
                return "metrics.listen \(address): cannot listen: \(reason)\(hint)"
            case .failed(let address, let reason):
                return "metrics.listen \(address): cannot start the metrics endpoint: \(reason)"
            }
        }
    }

    /// The Content-Type of the Prometheus text exposition format, version 0.0.4.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let server: HTTPServer
    private let configured: MetricsListenAddress
    private let running = Mutex<Task<Void, Never>?>(nil)
    private let logger: Logger

    /// - Parameters:
    ///   - address: the loopback address and port (`metrics.listen`).
    ///   - logger: where FlyingFox's own lines go, at trace level.
    ///   - exposition: the metrics, sampled at each scrape (UTF-8 bytes).
    package init(address: MetricsListenAddress, logger: Logger, exposition: @escaping @Sendable () async -> [UInt8]) throws(StartError) {
        configured = address
        self.logger = logger
        let socketAddress: any SocketAddress
        do {
            socketAddress = address.isIPv6 ? try sockaddr_in6.inet6(ip6: address.host, port: address.port)
                : try sockaddr_in.inet(ip4: address.host, port: address.port)
        } catch {
            throw .failed(address: address, reason: "\(error)")
        }
        server = HTTPServer(config: .init(address: socketAddress, timeout: 15, logger: FlyingFoxLog(logger: logger)),
                            handler: ClosureHTTPHandler { request in
            guard request.method == .GET, request.path == "/metrics" else {
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: Data("not found: the metrics are at GET /metrics\n".utf8))
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: MetricsEndpoint.contentType], body: Data(await exposition()))
        })
    }

    /// Binds and listens, and serves scrapes from then on, until ``stop()``.
    /// - Returns: the address listened on (with the port the system chose for port 0).
    /// - Throws: ``StartError`` naming the address (e.g. when another program holds the port).
    package func start() async throws(StartError) -> MetricsListenAddress {
        let (events, continuation) = AsyncStream<Result<Void, any Error>>.makeStream()
        let server = self.server
        let task = Task {
            do {
                try await server.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        let listening = Task {
            do {
                try await server.waitUntilListening(timeout: 30)
                continuation.yield(.success(()))
            } catch {
                continuation.yield(.failure(error))
            }
        }
        var iterator = events.makeAsyncIterator()
        let first = await iterator.next() ?? .failure(SocketError.disconnected)
        listening.cancel()
        switch first {
        case .success:
            running.withLock { $0 = task }
            guard case .ip4(let host, let port)? = await server.listeningAddress else {
                if case .ip6(let host, let port)? = await server.listeningAddress {
                    return MetricsListenAddress(host: host, port: port, isIPv6: true)
                }
                return configured
            }
            return MetricsListenAddress(host: host, port: port, isIPv6: false)
        case .failure(let error):
            task.cancel()
            await server.stop(timeout: 0)
            if case .failed(_, let code, let message) = error as? SocketError {
                throw .cannotListen(address: configured, errno: code, reason: message)
            }
            throw .failed(address: configured, reason: "\(error)")
        }
    }

    /// Closes the listening socket and the open connections, and waits for the server to end.
    package func stop() async {
        await server.stop(timeout: 0)
        let task = running.withLock { task in
            defer { task = nil }
            return task
        }
        await task?.value
    }
}

/// FlyingFox's lines (connections, requests) at trace level of the daemon's logger: the endpoint's
/// own failures are reported by ``MetricsEndpoint``.
private struct FlyingFoxLog: FlyingSocks.Logging {
    let logger: Logger
    func logDebug(_ debug: @autoclosure () -> String) { logger.trace("\(debug())", metadata: ["component": "metrics.listen"]) }
    func logInfo(_ info: @autoclosure () -> String) { logger.trace("\(info())", metadata: ["component": "metrics.listen"]) }
    func logWarning(_ warning: @autoclosure () -> String) { logger.trace("\(warning())", metadata: ["component": "metrics.listen"]) }
    func logError(_ error: @autoclosure () -> String) { logger.trace("\(error())", metadata: ["component": "metrics.listen"]) }
    func logCritical(_ critical: @autoclosure () -> String) { logger.trace("\(critical())", metadata: ["component": "metrics.listen"]) }
}
