import Foundation
import PulseCore
import Yams

/// The built-in CSV mappings (Sources/pulse/Mappings/*.yaml) and user mapping files, loaded with Yams.
enum MappingLibrary {
    /// What `--mapping` named: NDJSON events or a CSV mapping.
    enum Choice {
        case ndjson
        case csv(CSVMapping)
    }

    /// Every built-in mapping, sorted by name.
    static func builtIn() throws(IngestError) -> [CSVMapping] {
        guard let folder = Bundle.module.url(forResource: "Mappings", withExtension: nil) else {
            throw IngestError(code: "mappings_missing", message: "the built-in mappings are missing from this build")
        }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" }
        } catch {
            throw IngestError(code: "mappings_missing", message: "cannot list the built-in mappings: \(error)")
        }
        var result: [CSVMapping] = []
        for file in files { result.append(try load(file: file)) }
        return result.sorted { $0.name < $1.name }
    }

    /// Loads a YAML mapping file; errors name the file and the key at fault.
    static func load(file: URL) throws(IngestError) -> CSVMapping {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            if !FileManager.default.fileExists(atPath: file.path) { throw .fileNotFound(file.path) }
            throw .unreadable(file.path, "\(error)")
        }
        return try parse(text, source: file.path)
    }

    /// Decodes mapping YAML.
    static func parse(_ text: String, source: String) throws(IngestError) -> CSVMapping {
        do {
            return try YAMLDecoder().decode(CSVMapping.self, from: text)
        } catch let error as DecodingError {
            throw IngestError(code: "bad_mapping", message: "mapping \(source): \(describe(error))")
        } catch {
            throw IngestError(code: "bad_mapping", message: "mapping \(source): not valid YAML: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing key '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "key \(at): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    /// Resolves `--mapping`: `ndjson`, a built-in name, or a path to a YAML file.
    static func resolve(_ nameOrPath: String) throws(IngestError) -> Choice {
        if nameOrPath.lowercased() == "ndjson" { return .ndjson }
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") || nameOrPath.contains("/") {
            return .csv(try load(file: URL(fileURLWithPath: nameOrPath)))
        }
        let all = try builtIn()
        if let mapping = all.first(where: { $0.name == nameOrPath }) { return .csv(mapping) }
        var message = "unknown mapping '\(nameOrPath)'"
        if let near = NameSuggestion.nearest(to: nameOrPath, in: all.map(\.name)) {
            message += "; did you mean '\(near)'?"
        }
        message += " Built-in mappings: " + all.map(\.name).joined(separator: ", ")
        message += ". Or pass a YAML file (docs/mappings.md)."
        throw IngestError(code: "unknown_mapping", message: message)
    }

    /// The built-in mapping whose match columns are all in `header`, preferring the most specific.
    static func detect(header: [String], delimiter: UInt8, in mappings: [CSVMapping]) -> CSVMapping? {
        let columns = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
        return
            mappings
            .filter { (try? $0.delimiterByte) == delimiter && $0.matchColumns.allSatisfy(columns.contains) }
            .max { $0.matchColumns.count < $1.matchColumns.count }
    }
}
