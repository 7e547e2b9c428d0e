import Foundation
import Synchronization

/// A real `pulse serve` child process for the reliability tests: started from the built binary, its port read
/// from the "listening on" line it prints, stopped with SIGTERM or killed with SIGKILL.
final class ServeProcess: Sendable {
    private let process: Process
    private let output = Mutex("")
    let port: Int

    /// The built `pulse` executable next to the test bundle's build products.
    static var binary: URL {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            for candidate in [".build/debug/pulse", ".build/x86_64-unknown-linux-gnu/debug/pulse"] {
                let url = root.appendingPathComponent(candidate)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw ServeProcessError.message("the pulse binary is not built; run `swift build` first")
        }
    }

    private init(process: Process, port: Int, output: String) {
        self.process = process
        self.port = port
        self.output.withLock { $0 = output }
    }

    /// Starts `pulse serve` with `arguments` (after `serve`) and `environment`, and waits (up to `timeout`) until
    /// it listens.
    static func start(
        arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws -> ServeProcess {
        let process = Process()
        process.executableURL = try binary
        process.arguments = ["serve"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let (lines, continuation) = AsyncStream<String>.makeStream()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                continuation.finish()
                handle.readabilityHandler = nil
            } else {
                continuation.yield(String(decoding: data, as: UTF8.self))
            }
        }
        try process.run()
        let collected = OutputLog()
        let port: Int? = try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                for await chunk in lines {
                    let text = collected.append(chunk)
                    if let range = text.range(of: #"listening on http://[0-9.]+:(\d+)"#, options: .regularExpression) {
                        let match = String(text[range])
                        return Int(match.split(separator: ":").last ?? "")
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let port else {
            process.terminate()
            throw ServeProcessError.message(
                "pulse serve did not start listening; its output:\n\(collected.text)")
        }
        return ServeProcess(process: process, port: port, output: collected.text)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Kills the process at once (no graceful shutdown) and waits for it to be gone.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks for a graceful shutdown and waits for the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Asks for a graceful shutdown and waits up to `timeout` for the exit status; nil (after a SIGKILL) when the
    /// process did not stop in time.
    func stop(within timeout: Duration) async throws -> Int32? {
        process.terminate()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        guard !process.isRunning else {
            kill()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var isRunning: Bool { process.isRunning }
}

/// The child's output so far, shared between the reading task and the caller.
private final class OutputLog: Sendable {
    private let state = Mutex("")

    /// Appends a chunk and returns everything so far.
    func append(_ chunk: String) -> String {
        state.withLock { text in
            text += chunk
            return text
        }
    }

    var text: String { state.withLock { $0 } }
}

/// A reliability-test process failure, as a sentence.
enum ServeProcessError: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self {
        case .message(let text): text
        }
    }
}
