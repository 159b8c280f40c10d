/// Process exit statuses of every command, from sysexits.h (DESIGN §11), so that systemd
/// (`RestartPreventExitStatus=78`) and scripts can tell the causes apart.
package enum ExitStatus: Int32, Sendable {
    /// Success.
    case ok = 0
    /// `EX_USAGE`: the command line was wrong (swift-argument-parser's own status for a bad option).
    case usage = 64
    /// `EX_DATAERR`: an input was read but is not what it should be (a feed that does not parse).
    case dataError = 65
    /// `EX_NOINPUT`: an input file, folder or log cannot be read.
    case noInput = 66
    /// `EX_SOFTWARE`: an internal error.
    case software = 70
    /// `EX_IOERR`: the state database or the alert log cannot be opened or written.
    case ioError = 74
    /// `EX_TEMPFAIL`: another daemon holds the state's lock; try again once it stops.
    case temporaryFailure = 75
    /// `EX_CONFIG`: the configuration or a model is invalid (a restart will not help).
    case configuration = 78
}
