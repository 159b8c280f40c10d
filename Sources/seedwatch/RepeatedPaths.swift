import ArgumentParser

/// The paths of `scan` and `extract` beyond the first, taken off the command line before
/// swift-argument-parser reads it.
///
/// swift-argument-parser (1.8) stores each value of an array argument by copying the whole array
/// and merging the whole set of input positions again, so that reading n paths costs n² (4 % of a
/// `scan` of 889 pages). The first path stays for the parser (which still reports a missing path,
/// an unknown option or an option without its value as before); the others, in their order, are
/// kept here and appended by the command to the paths the parser read. The parser would have put
/// every path into the one array in command-line order, so the command sees the same list.
enum RepeatedPaths {
    /// The options of each command that take a value (the next argument, or `--option=value`):
    /// an argument after one of them is that value, not a path. `CommandLineTests` checks the list
    /// against each command's `--help`.
    static let valueOptions: [String: Set<String>] = [
        "scan": ["--config", "--watch"],
        "extract": ["--config"],
    ]

    /// The paths taken off, for the command that runs (empty when none were).
    nonisolated(unsafe) static var taken: [String] = []

    /// `arguments` (without the program name) with every path of `scan` or `extract` but the first
    /// removed, and the removed paths in order. Other commands, and a command line that names help,
    /// are returned unchanged.
    ///
    /// A path is an argument that is `-` or does not start with `-` and is not the value of an option
    /// of ``valueOptions``; every argument after `--` is a path.
    static func split(_ arguments: [String]) -> (arguments: [String], taken: [String]) {
        guard let command = arguments.first, let takesValue = valueOptions[command] else { return (arguments, []) }
        var kept = [command]
        var taken: [String] = []
        var seenPath = false
        var afterTerminator = false
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if !afterTerminator && argument == "--" {
                afterTerminator = true
                kept.append(argument)
                continue
            }
            let isPath = afterTerminator || argument == "-" || !argument.hasPrefix("-")
            guard isPath else {
                if argument == "-h" || argument == "--help" { return (arguments, []) }
                kept.append(argument)
                if takesValue.contains(argument), index < arguments.count {
                    kept.append(arguments[index])
                    index += 1
                }
                continue
            }
            if seenPath { taken.append(argument) } else { kept.append(argument) }
            seenPath = true
        }
        return (kept, taken)
    }
}

extension SeedwatchCommand {
    /// Takes the repeated paths of `scan` and `extract` off the command line (``RepeatedPaths``),
    /// then parses and runs the command as swift-argument-parser does.
    static func main() async {
        let (arguments, taken) = RepeatedPaths.split(Array(CommandLine.arguments.dropFirst()))
        RepeatedPaths.taken = taken
        await main(arguments)
    }
}
