import Foundation

/// One run of the built `pulse` binary (`ServeProcess.binary`) to completion: its exit status and what it printed.
struct PulseRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `pulse arguments…` to completion. Output goes to temporary files, so neither stream can fill a pipe
    /// and block the child while the other is being read.
    static func run(_ arguments: [String]) throws -> PulseRun {
        let process = Process()
        process.executableURL = try ServeProcess.binary
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return PulseRun(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
