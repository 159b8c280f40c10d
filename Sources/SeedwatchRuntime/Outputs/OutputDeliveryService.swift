import Foundation
import ServiceLifecycle

/// Runs one output's ``OutputWorker`` (per alert or per digest) for the daemon: a round whenever deliveries are
/// due, checking for new ones every `poll` seconds. On shutdown the request in hand finishes and
/// is recorded; nothing new starts.
struct OutputDeliveryService: Service {
    let worker: any OutputWorker
    var poll: Double = 1

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await worker.deliverDue(now: { Date() }, shouldStop: { Task.isShuttingDownGracefully || Task.isCancelled })
            let wait = worker.idleSeconds(poll: poll, now: Date())
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
        }
    }
}
