import Foundation
import SeedwatchCore

/// What `seedwatch check-config` says about the folders a configuration names, matching what
/// `seedwatch run` does with them: the drop folder must exist (a typo is refused, not created);
/// the folders of the alert log and the state database are created when missing.
package enum FolderCheck {
    /// One problem or warning about a folder, with what to do about it.
    package enum Finding: Sendable, Equatable {
        /// `drop_folder.path` does not exist (`file`: the configuration file). An error: a typo
        /// is refused rather than created as a folder nobody drops into.
        case dropFolderMissing(path: String, file: String)
        /// `drop_folder.path` exists but is not a folder. An error.
        case dropFolderNotAFolder(path: String, file: String)
        /// The folder of `key` (`alerts.log`, `state.path`) does not exist. A warning: `run` creates it.
        case folderWillBeCreated(folder: String, key: String)
        /// The folder of `key` exists but is not a folder. An error.
        case notAFolder(folder: String, key: String, file: String)
        /// The folder of `metrics.textfile` does not exist. A warning: metrics wait for it.
        case metricsFolderMissing(folder: String)

        /// True when `seedwatch run` would refuse to start.
        package var isError: Bool {
            switch self {
            case .dropFolderMissing, .dropFolderNotAFolder, .notAFolder: return true
            case .folderWillBeCreated, .metricsFolderMissing: return false
            }
        }

        /// The finding in words for a user, with what to do.
        package var message: String {
            switch self {
            case .dropFolderMissing(let path, let file):
                return "drop folder \(path) does not exist; seedwatch run will not create it "
                    + "and refuses to start: create it (mkdir -p \(path)) or correct drop_folder.path in \(file)"
            case .dropFolderNotAFolder(let path, let file):
                return "drop_folder.path \(path) is not a folder (\(file))"
            case .folderWillBeCreated(let folder, let key):
                return "folder \(folder) (of \(key)) does not exist; seedwatch run will create it (mode 0750)"
            case .notAFolder(let folder, let key, let file):
                return "\(folder) (folder of \(key)) is not a folder (\(file))"
            case .metricsFolderMissing(let folder):
                return "folder \(folder) (of metrics.textfile) does not exist; metrics are not written until it does"
            }
        }
    }

    /// The findings for `configuration`, drop folder first.
    package static func findings(for configuration: SeedwatchConfiguration) -> [Finding] {
        var findings: [Finding] = []
        let drop = configuration.dropFolder.path
        switch kind(of: drop) {
        case .folder:
            break
        case .missing:
            findings.append(.dropFolderMissing(path: drop, file: configuration.file))
        case .other:
            findings.append(.dropFolderNotAFolder(path: drop, file: configuration.file))
        }
        for (key, file) in [("alerts.log", configuration.alertLog), ("state.path", configuration.statePath)] {
            let folder = (file as NSString).deletingLastPathComponent
            switch kind(of: folder) {
            case .folder:
                break
            case .missing:
                findings.append(.folderWillBeCreated(folder: folder, key: key))
            case .other:
                findings.append(.notAFolder(folder: folder, key: key, file: configuration.file))
            }
        }
        if let textfile = configuration.metricsTextfile {
            let folder = (textfile as NSString).deletingLastPathComponent
            if kind(of: folder) != .folder {
                findings.append(.metricsFolderMissing(folder: folder))
            }
        }
        return findings
    }

    enum Kind { case folder, missing, other }

    static func kind(of path: String) -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        return isFolder.boolValue ? .folder : .other
    }
}
