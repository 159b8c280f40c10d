import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle

/// Writes `metrics.textfile` every `interval` seconds and once more at shutdown.
struct MetricsService: Service {
    let sampler: MetricsSampler
    let path: String
    let logger: Logger
    var interval: Double = 10

    func run() async throws {
        var reported = false
        while true {
            await write(reported: &reported)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            } catch {
                break
            }
            if Task.isShuttingDownGracefully { break }
        }
        await write(reported: &reported)
    }

    private func write(reported: inout Bool) async {
        let bytes = await sampler.sample()
        do {
            try MetricsTextfile.write(bytes, to: path)
            reported = false
        } catch {
            if !reported {
                logger.error("cannot write metrics.textfile", metadata: ["path": "\(path)", "error": "\(error)"])
                reported = true
            }
        }
    }
}
