import ArgumentParser

/// Entry point: parse the command line and hand over to the runtime; nothing else.
await SeedwatchCommand.main()
