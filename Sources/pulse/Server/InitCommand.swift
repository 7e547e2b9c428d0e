import ArgumentParser
import Foundation
import PulseServer

/// `pulse init`: writes a commented default `pulse.yaml` listing every setting.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented default pulse.yaml (every key, its default and its environment variable).")

    @Argument(help: "Where to write it.")
    var path: String = "pulse.yaml"

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: path), !force {
            throw ValidationError("\(path) already exists; pass --force to replace it")
        }
        do {
            try DefaultConfigurationFile.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
        print("wrote \(path) — edit it, then run `pulse serve`")
    }
}
