import Foundation
import SeedwatchCore

/// What `seedwatch check-config` says about the folders a configuration names, matching what
/// `seedwatch run` does with them: the drop folder must exist (a typo is refused, not created);
/// the folders of the alert log and the state database are created when missing.
public enum FolderCheck {
    /// One problem or warning, in words for a user.
    public struct Finding: Sendable, Equatable {
        /// True when `seedwatch run` would refuse to start.
        public var isError: Bool
        public var message: String
    }

    /// The findings for `configuration`, drop folder first.
    public static func findings(for configuration: SeedwatchConfiguration) -> [Finding] {
        var findings: [Finding] = []
        let drop = configuration.dropFolder.path
        switch kind(of: drop) {
        case .folder:
            break
        case .missing:
            findings.append(Finding(isError: true, message: "drop folder \(drop) does not exist; seedwatch run will not create it "
                + "and refuses to start: create it (mkdir -p \(drop)) or correct drop_folder.path in \(configuration.file)"))
        case .other:
            findings.append(Finding(isError: true, message: "drop_folder.path \(drop) is not a folder (\(configuration.file))"))
        }
        for (key, file) in [("alerts.log", configuration.alertLog), ("state.path", configuration.statePath)] {
            let folder = (file as NSString).deletingLastPathComponent
            switch kind(of: folder) {
            case .folder:
                break
            case .missing:
                findings.append(Finding(isError: false, message: "folder \(folder) (of \(key)) does not exist; "
                    + "seedwatch run will create it (mode 0750)"))
            case .other:
                findings.append(Finding(isError: true, message: "\(folder) (folder of \(key)) is not a folder (\(configuration.file))"))
            }
        }
        if let textfile = configuration.metricsTextfile {
            let folder = (textfile as NSString).deletingLastPathComponent
            if kind(of: folder) != .folder {
                findings.append(Finding(isError: false, message: "folder \(folder) (of metrics.textfile) does not exist; "
                    + "metrics are not written until it does"))
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
