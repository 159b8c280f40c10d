import ServiceLifecycle

/// Keeps the `metrics.listen` endpoint (started before READY=1) serving until the graceful
/// shutdown, then closes it.
struct MetricsEndpointService: Service {
    let endpoint: MetricsEndpoint

    func run() async throws {
        try? await gracefulShutdown()
        await endpoint.stop()
    }
}
