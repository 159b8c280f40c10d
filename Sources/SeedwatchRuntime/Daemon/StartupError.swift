import Foundation

extension SeedwatchDaemon {
    /// Why the daemon could not start. Each case names the file or folder at fault and what to do,
    /// and gives the process exit status (sysexits.h) that says what kind of fault it is.
    package enum StartupError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The signal handlers (SIGHUP, SIGTERM, SIGINT) could not be installed; `reason` is the
        /// system's error. Exit 70 (`EX_SOFTWARE`): nothing the user can fix in the configuration.
        case signalHandlers(reason: String)
        /// The folder of the alert log or of the state database is missing and could not be
        /// created; `reason` is the system's error. Exit 74 (`EX_IOERR`).
        case cannotCreateFolder(path: String, reason: String)
        /// The configuration names folders the daemon refuses (a missing drop folder, a path that
        /// is not a folder), as `seedwatch check-config` reports them. Exit 78 (`EX_CONFIG`).
        case folder(FolderCheck.Finding)
        /// The `metrics.listen` endpoint cannot listen (another program holds the port). Exit 78
        /// (`EX_CONFIG`): the state lock rules out an earlier seedwatch, so restarting cannot help;
        /// choose another port in `metrics.listen`.
        case metricsEndpoint(MetricsEndpoint.StartError)

        /// The process exit status for this failure.
        package var exitStatus: ExitStatus {
            switch self {
            case .signalHandlers: return .software
            case .cannotCreateFolder: return .ioError
            case .folder, .metricsEndpoint: return .configuration
            }
        }

        package var description: String {
            switch self {
            case .signalHandlers(let reason): return "cannot install the signal handlers: \(reason)"
            case .cannotCreateFolder(let path, let reason): return "\(path): cannot create folder: \(reason)"
            case .folder(let finding): return finding.message
            case .metricsEndpoint(let error): return error.description
            }
        }
    }
}
