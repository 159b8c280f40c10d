import Foundation
import ServiceLifecycle

/// Runs one output's ``OutputDeliveryWorker`` for the daemon: a round whenever deliveries are
/// due, checking for new ones every `poll` seconds. On shutdown the request in hand finishes and
/// is recorded; nothing new starts.
struct OutputDeliveryService: Service {
    let worker: OutputDeliveryWorker
    var poll: Double = 1

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await worker.deliverDue(shouldStop: { Task.isShuttingDownGracefully || Task.isCancelled })
            let wait = worker.idleSeconds(poll: poll)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
        }
    }
}
