import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// `seedwatch watch …`: watches built from seed articles.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build watches from seed articles.",
        subcommands: [WatchNewCommand.self]
    )
}

struct WatchNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Build a watch (actors, topics, rules) from a seed article.",
        discussion: """
        Reads FILE in any format the drop folder reads, and writes DIR/NAME/article.txt (the seed's \
        text: title line, then body) and DIR/NAME/model.yaml. DIR defaults to the folder that holds \
        the configuration's first watch. Prints the actors by kind with the core states, the topics \
        with their strongest terms, and what to review. Refuses to overwrite an existing watch \
        unless --force is given. Exits 66 when FILE cannot be read, 78 for a configuration problem, \
        65 when no watch can be built from the seed (no text, or no state named), 73 when the watch \
        exists or cannot be written.

        Examples:
          seedwatch watch new ceuta-migrants --seed ~/Downloads/ceuta.html --explain
          seedwatch watch new ceuta-migrants --seed ceuta.html --add-to-config
          seedwatch scan --summary --watch ceuta-migrants ~/archive/2026
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("The watch name: its folder name (letters, digits, '-', '_', '.').", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The seed article (.txt, .md, .html, .json).", valueName: "file"))
    var seed: String

    @Option(help: ArgumentHelp("Where to create the watch folder.", valueName: "dir"))
    var into: String?

    @Flag(help: "Also add the watch to the configuration's 'watches:' list (comments are kept).")
    var addToConfig = false

    @Flag(help: "Say why each actor and term was chosen.")
    var explain = false

    @Flag(help: "Overwrite an existing watch folder's article.txt and model.yaml.")
    var force = false

    func validate() throws {
        guard !name.isEmpty, name != ".", name != "..",
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }) else {
            throw ValidationError("NAME '\(name)' must be letters, digits, '-', '_' or '.' (it becomes a folder name)")
        }
    }

    func run() throws {
        let configPath = ConfigurationLocator.locate(explicit: options.config)
        var configuration: SeedwatchConfiguration?
        if into == nil || addToConfig {
            do {
                configuration = try ConfigurationReader.load(path: configPath)
            } catch {
                FileHandleOutput.standardError("error: \(error)")
                throw ExitCode(ExitStatus.configuration.rawValue)
            }
        }
        let parent: String
        if let into {
            parent = into
        } else if let first = configuration?.watches.first {
            parent = (first as NSString).deletingLastPathComponent
        } else {
            FileHandleOutput.standardError("error: \(configPath) lists no watch; give the folder with --into DIR")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
        let article = try readSeed()
        let built: BuiltWatch
        do {
            built = try WatchBuilder.bundled().build(name: name, seed: article)
        } catch {
            FileHandleOutput.standardError("error: \(seed): \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        let folder = (parent as NSString).appendingPathComponent(name)
        let modelPath = (folder as NSString).appendingPathComponent("model.yaml")
        let articlePath = (folder as NSString).appendingPathComponent("article.txt")
        let fm = FileManager.default
        if !force, fm.fileExists(atPath: modelPath) || fm.fileExists(atPath: articlePath) {
            FileHandleOutput.standardError("error: \(folder) already holds a watch; --force overwrites its article.txt and model.yaml")
            throw ExitCode(Self.cannotCreate)
        }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(built.articleText.utf8).write(to: URL(fileURLWithPath: articlePath), options: .atomic)
            try Data(built.modelYAML.utf8).write(to: URL(fileURLWithPath: modelPath), options: .atomic)
        } catch {
            FileHandleOutput.standardError("error: cannot write \(folder): \(error.localizedDescription)")
            throw ExitCode(Self.cannotCreate)
        }
        print("watch \(name): wrote \(articlePath) and \(modelPath)")
        print(built.summary(explain: explain))
        if addToConfig, let configuration {
            try addToConfiguration(folder: folder, configuration: configuration)
        } else {
            print("next: add \(folder) to 'watches:' in \(configPath) (or run again with --add-to-config), then `seedwatch check-config`")
        }
    }

    private func readSeed() throws -> Article {
        let bytes: [UInt8]
        switch FileReader.read(path: Array(seed.utf8), maxBytes: 64 * 1024 * 1024) {
        case .success(let b): bytes = b
        case .failure(let error):
            FileHandleOutput.standardError("error: \(seed): \(error)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        let name = (seed as NSString).lastPathComponent
        do {
            let unpacked = try CompressedFile.unpack(name: name, bytes: bytes, maxBytes: 64 * 1024 * 1024) ?? (name, bytes)
            let items = try DocumentReader.items(of: Document(bytes: unpacked.bytes, origin: .file(path: Array(seed.utf8)), nameHint: unpacked.name))
            guard let first = items.first else {
                FileHandleOutput.standardError("error: \(seed): holds no article")
                throw ExitCode(ExitStatus.noInput.rawValue)
            }
            return first.article
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandleOutput.standardError("error: \(seed): \(error)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }

    /// Adds the folder to `watches:`, relative to the configuration's folder when it lies under it.
    private func addToConfiguration(folder: String, configuration: SeedwatchConfiguration) throws {
        let file = configuration.file
        let base = ((file as NSString).deletingLastPathComponent as NSString).standardizingPath
        let absolute = ((folder as NSString).isAbsolutePath ? folder
            : (fm.currentDirectoryPath as NSString).appendingPathComponent(folder) as String)
        let entry = Self.relativePath(from: base, to: (absolute as NSString).standardizingPath)
        do {
            // Under the configuration's lock, as feeds add|remove|import: concurrent edits lose nothing.
            try ConfigurationEditLock.editing(file) { text in
                let edited = try WatchListEditor.adding(entry, to: text)
                return edited != text ? edited : nil
            }
            print("added \(entry) to 'watches:' in \(file); run `seedwatch check-config`, then reload the daemon")
        } catch {
            FileHandleOutput.standardError("error: \(file): \(error)")
            throw ExitCode(ExitStatus.configuration.rawValue)
        }
    }

    private var fm: FileManager { FileManager.default }

    /// `EX_CANTCREAT` (sysexits.h): the watch exists (without `--force`) or cannot be written.
    static let cannotCreate: Int32 = 73

    /// `to` relative to the folder `from` ("../seeds/x"), or `to` itself when they share only the root.
    static func relativePath(from: String, to: String) -> String {
        let a = from.split(separator: "/"), b = to.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        guard common > 0 else { return to }
        let ups = Array(repeating: "..", count: a.count - common)
        let rest = b[common...].map(String.init)
        return (ups + rest).joined(separator: "/")
    }
}
