import Foundation
import SeedwatchCore

/// Reads the seed watches named by a configuration from disk.
package enum WatchLoader {
    /// Loads and compiles `model.yaml` of every watch folder.
    /// - Parameter cache: stored loaded models and alias automata to read instead of loading the YAML
    ///   and compiling (``AutomatonCache/standard(environment:)`` by default: the user's or the
    ///   unit's cache folder); `nil`: load and compile.
    /// - Returns: the compiled watches, in configuration order.
    /// - Throws: `YAMLFileError` naming the model file, line and key of the first problem.
    package static func load(_ configuration: SeedwatchConfiguration,
                             cache: AutomatonCache? = AutomatonCache.standard()) throws -> [CompiledWatch] {
        try configuration.watches.enumerated().map { index, folder in
            let file = (folder as NSString).appendingPathComponent("model.yaml")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw YAMLFileError(file: file, line: nil, key: "", message: "cannot read the model "
                    + "(watches[\(index)] of \(configuration.file) names the folder \(folder): is it right?)")
            }
            let bytes = Array(data), watch = (folder as NSString).lastPathComponent
            let model = try cache?.model(bytes: bytes, file: file, watch: watch).0
                ?? ModelLoader.load(bytes: bytes, file: file, watch: watch)
            return CompiledWatch(model: model, cache: cache)
        }
    }
}
