import Foundation
import PulseCore
import Yams

/// Loads rule files (docs/rules.md): the built-in pack plus a rules directory, validated with located errors.
/// A rule with an error is left out and every other rule still loads.
public enum RuleLoader {
    /// Source-name prefix of built-in rule files: `builtin:stalled-deal.yaml`.
    public static let builtInPrefix = "builtin:"

    /// The built-in pack plus every `*.yaml` / `*.yml` in `directory` (sorted by name). A user rule with a
    /// built-in rule's id replaces it (listed in `overrides`).
    public static func load(directory: URL?, includeBuiltIn: Bool = true) -> RuleSet {
        var errors: [RuleFileError] = []
        let builtIn = includeBuiltIn ? builtInSources() : []
        var user: [RuleSource] = []
        if let directory {
            let read = sources(in: directory)
            user = read.sources
            errors = read.errors
        }
        var set = load(builtIn: builtIn, user: user)
        set.errors = errors + set.errors
        return set
    }

    /// The built-in pack's files from the module's `BuiltInRules` resources folder, sorted by name.
    public static func builtInSources() -> [RuleSource] {
        guard let folder = Bundle.module.url(forResource: PulseEngineInfo.builtInFolder, withExtension: nil) else {
            return []
        }
        return sources(in: folder).sources.map {
            RuleSource(name: builtInPrefix + URL(fileURLWithPath: $0.name).lastPathComponent, text: $0.text)
        }
    }

    /// Every `*.yaml` / `*.yml` file in `directory`, sorted by name, named by the directory as given plus the file
    /// name; a missing directory or unreadable file is an error.
    public static func sources(in directory: URL) -> (sources: [RuleSource], errors: [RuleFileError]) {
        let display = directory.relativePath
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            let error = RuleFileError(
                code: .unreadableFile, file: display, line: 0, column: 0, path: "",
                message: "cannot read the rules directory",
                hint: "check that '\(display)' exists and is a readable directory")
            return ([], [error])
        }
        var sources: [RuleSource] = []
        var errors: [RuleFileError] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let url = directory.appendingPathComponent(name)
            let shown = (display as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                errors.append(
                    RuleFileError(
                        code: .unreadableFile, file: shown, line: 0, column: 0, path: "",
                        message: "cannot read the file",
                        hint: "check its permissions"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(
                    RuleFileError(
                        code: .unreadableFile, file: shown, line: 0, column: 0, path: "",
                        message: "the file is not UTF-8",
                        hint: "save it as UTF-8 text"))
                continue
            }
            sources.append(RuleSource(name: shown, text: text))
        }
        return (sources, errors)
    }

    /// One file on its own (its own `conditions:` only), for tests and editors.
    public static func parse(
        _ yaml: String, source: String
    ) -> (rules: [Rule], conditions: [String], errors: [RuleFileError]) {
        let composed = compose(RuleSource(name: source, text: yaml))
        let set = load(builtIn: [], user: [RuleSource(name: source, text: yaml)])
        return (set.rules, composed.conditions.map(\.name), set.errors)
    }

    /// Loads `builtIn` then `user` sources: named conditions from every file are shared, ids are unique (a user
    /// rule may replace a built-in one), `inhibits` must name a loaded rule (warning otherwise).
    public static func load(builtIn: [RuleSource], user: [RuleSource]) -> RuleSet {
        let all = builtIn.map { ($0, true) } + user.map { ($0, false) }
        var errors: [RuleFileError] = []
        var composed: [(file: ComposedFile, isBuiltIn: Bool)] = []
        var named: [String: RuleParser.NamedCondition] = [:]
        for (source, isBuiltIn) in all {
            let file = compose(source)
            errors += file.errors
            for condition in file.conditions {
                if let first = named[condition.name] {
                    errors.append(
                        file.file.error(
                            .duplicateID, at: condition.key, condition.path,
                            "condition '\(condition.name)' is already defined",
                            hint: "rename it; the first definition is in \(first.file.source)"))
                } else {
                    named[condition.name] = .init(node: condition.node, file: file.file, path: condition.path)
                }
            }
            composed.append((file, isBuiltIn))
        }

        var parser = RuleParser(named: named)
        var rules: [Rule] = []
        var index: [Rule.ID: (position: Int, isBuiltIn: Bool, source: String)] = [:]
        var overrides: [RuleSet.Override] = []
        var pendingWarnings: [(owner: Rule.ID, target: String, warning: RuleFileError)] = []
        for (file, isBuiltIn) in composed {
            for candidate in file.rules {
                guard
                    let parsed = parser.rule(
                        candidate.node, path: candidate.path, file: file.file, extraKeys: candidate.extraKeys)
                else { continue }
                let rule = parsed.rule
                if let existing = index[rule.id] {
                    if existing.isBuiltIn && !isBuiltIn {
                        rules[existing.position] = rule
                        index[rule.id] = (existing.position, false, file.file.source)
                        overrides.append(.init(id: rule.id, replaced: existing.source, by: file.file.source))
                        pendingWarnings.removeAll { $0.owner == rule.id && $0.warning.file == existing.source }
                    } else {
                        let idNode = candidate.node.mapping?["id"]
                        parser.errors.append(
                            file.file.error(
                                .duplicateID, at: idNode, RuleParser.join(candidate.path, "id"),
                                "rule id '\(rule.id)' is already used",
                                hint: "rename it; the first rule with this id is in \(existing.source)"))
                        continue
                    }
                } else {
                    index[rule.id] = (rules.count, isBuiltIn, file.file.source)
                    rules.append(rule)
                }
                pendingWarnings += parsed.inhibitWarnings.map { (rule.id, $0.target, $0.warning) }
            }
        }
        let ids = Set(rules.map(\.id))
        for (_, target, warning) in pendingWarnings where !ids.contains(target) {
            parser.errors.append(warning)
        }
        for name in named.keys.sorted() where !parser.used.contains(name) {
            parser.checkUnused(name)
        }
        errors += parser.errors
        let order = Dictionary(all.enumerated().map { ($0.element.0.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        let sorted =
            errors
            .filter { seen.insert($0.description).inserted }
            .enumerated()
            .sorted { a, b in
                let l = (order[a.element.file] ?? -1, a.element.line, a.element.column, a.offset)
                let r = (order[b.element.file] ?? -1, b.element.line, b.element.column, b.offset)
                return l < r
            }
            .map(\.element)
        return RuleSet(rules: rules, errors: sorted, overrides: overrides, files: all.map(\.0.name))
    }

    // MARK: Composing files

    /// A file's YAML tree split into rule nodes and named conditions.
    struct ComposedFile {
        var file: RuleParser.File
        var rules: [(node: Node, path: String, extraKeys: [String])] = []
        var conditions: [(name: String, key: Node, node: Node, path: String)] = []
        var errors: [RuleFileError] = []
    }

    static func compose(_ source: RuleSource) -> ComposedFile {
        let file = RuleParser.File(source: source.name, text: source.text)
        var composed = ComposedFile(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: source.text)
        } catch let error as YamlError {
            composed.errors.append(syntaxError(error, file: file))
            return composed
        } catch {
            composed.errors.append(
                file.error(.yamlSyntax, line: 0, column: 0, "", "the file is not valid YAML: \(error)"))
            return composed
        }
        guard let root else { return composed }  // empty or comments only
        guard let map = root.mapping else {
            composed.errors.append(
                file.error(
                    .wrongType, at: root, "", "a rule file holds a mapping",
                    hint: "write rules: followed by a list of rules, or one rule with id:"))
            return composed
        }
        var checker = RuleParser(named: [:])
        if map["id"] != nil {
            composed.rules = [(root, "", ["conditions"])]
        } else {
            checker.checkKeys(map, allowed: ["rules", "conditions"], "", file, what: "rule file")
            if let rules = map["rules"] {
                if let list = rules.sequence {
                    composed.rules = list.enumerated().map { ($0.element, "rules[\($0.offset)]", []) }
                } else {
                    composed.errors.append(
                        file.error(
                            .wrongType, at: rules, "rules", "rules must be a list of rules",
                            hint: "start each rule with '- id: …'"))
                }
            } else if map["conditions"] == nil {
                composed.errors.append(
                    file.error(
                        .missingKey, at: root, "", "a rule file needs rules: or a rule's id:",
                        hint: "write rules: followed by a list of rules"))
            }
        }
        if let conditions = map["conditions"] {
            if let entries = conditions.mapping {
                for (key, value) in entries {
                    guard let name = key.scalar?.string, !name.isEmpty else {
                        composed.errors.append(
                            file.error(.wrongType, at: key, "conditions", "condition names must be plain words"))
                        continue
                    }
                    composed.conditions.append((name, key, value, "conditions." + name))
                }
            } else {
                composed.errors.append(
                    file.error(
                        .wrongType, at: conditions, "conditions", "conditions must be a mapping of name: condition",
                        hint: "e.g. conditions: {open-deal: {attribute: deal.status, in: [open]}}"))
            }
        }
        composed.errors += checker.errors
        return composed
    }

    /// A Yams error as a located rule-file error.
    static func syntaxError(_ error: YamlError, file: RuleParser.File) -> RuleFileError {
        let hint = "fix the YAML syntax (indentation, quotes, ':' after keys)"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return file.error(
                .yamlSyntax, line: mark.line, column: mark.column, "", "YAML syntax error: \(problem)\(detail)",
                hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return file.error(
                .yamlSyntax, line: context.mark.line, column: context.mark.column, "",
                "duplicated key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                hint: "keep one of them")
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.position(ofUTF8Offset: $0, in: file) } ?? (0, 0)
            return file.error(
                .yamlSyntax, line: position.0, column: position.1, "", "YAML reader error: \(problem)", hint: hint)
        default:
            return file.error(.yamlSyntax, line: 0, column: 0, "", "YAML error: \(error)", hint: hint)
        }
    }

    private static func position(ofUTF8Offset offset: Int, in file: RuleParser.File) -> (Int, Int) {
        var remaining = offset
        for (i, line) in file.lines.enumerated() {
            let length = line.utf8.count + 1
            if remaining < length { return (i + 1, remaining + 1) }
            remaining -= length
        }
        return (file.lines.count, 1)
    }
}
