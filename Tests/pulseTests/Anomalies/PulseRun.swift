import Foundation

/// One run of the built `pulse` binary: its exit status and what it printed.
struct PulseRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `pulse arguments…` to completion.
    static func run(_ arguments: [String]) throws -> PulseRun {
        let process = Process()
        process.executableURL = try ServeProcess.binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return PulseRun(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
