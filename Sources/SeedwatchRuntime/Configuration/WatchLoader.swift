import Foundation
import SeedwatchCore

/// Reads the seed watches named by a configuration from disk.
package enum WatchLoader {
    /// Loads and compiles `model.yaml` of every watch folder.
    /// - Parameter cache: stored alias automata to load instead of compiling them
    ///   (``AutomatonCache/standard(environment:)`` by default: the user's or the unit's cache folder);
    ///   `nil`: compile.
    /// - Returns: the compiled watches, in configuration order.
    /// - Throws: `YAMLFileError` naming the model file, line and key of the first problem.
    package static func load(_ configuration: SeedwatchConfiguration,
                             cache: AutomatonCache? = AutomatonCache.standard()) throws -> [CompiledWatch] {
        try configuration.watches.map { folder in
            let file = (folder as NSString).appendingPathComponent("model.yaml")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw YAMLFileError(file: file, line: nil, key: "", message: "cannot read the model (is the watch folder right?)")
            }
            let model = try ModelLoader.load(bytes: Array(data), file: file, watch: (folder as NSString).lastPathComponent)
            return CompiledWatch(model: model, cache: cache)
        }
    }
}
