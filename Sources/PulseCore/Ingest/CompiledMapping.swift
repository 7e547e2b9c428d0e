/// A `CSVMapping` checked against one file's header: column positions resolved, formats compiled.
public struct CompiledMapping: Sendable {
    /// One target field ready to read.
    struct Field: Sendable {
        var name: String
        var spec: FieldMapping
        var type: FieldType
        var column: Int?
        var template: [CompiledPiece]?
        var pattern: DatePattern
        var scale: DecimalText
        var label: String
    }

    enum CompiledPiece: Sendable {
        case literal(String)
        case column(Int, transform: String?)
    }

    /// One entity's fields.
    struct Target: Sendable {
        var entity: EntityKind
        var fields: [String: Field]
    }

    public let mapping: CSVMapping
    public let header: [String]
    let main: Target
    let derived: [Target]
    let history: [(stage: String, column: Int, pattern: DatePattern)]

    /// The entity each row becomes.
    public var entity: EntityKind { main.entity }

    /// How messages name a target field: `close_value (amountCents)`.
    public func label(for field: String) -> String { main.fields[field]?.label ?? field }

    /// Resolves `mapping` against `header`; throws a sentence naming the mapping, the file and what to fix.
    public init(_ mapping: CSVMapping, header: [String], source: String) throws(MappingError) {
        guard let entity = mapping.entity else {
            throw MappingError(
                code: "mapping_without_entity",
                message: "mapping '\(mapping.name)' names no entity and is not a skip mapping")
        }
        let trimmedHeader = header.map(\.trimmedBlanks)
        let missing = mapping.columns.filter { !trimmedHeader.contains($0) }
        if !missing.isEmpty {
            throw MappingError(
                code: "missing_columns",
                message: "\(source) line 1: the mapping '\(mapping.name)' needs the column(s) "
                    + missing.joined(separator: ", ") + ", which the header does not have. Columns found: "
                    + trimmedHeader.joined(separator: ", "))
        }
        self.mapping = mapping
        self.header = trimmedHeader
        main = try Self.target(entity, mapping.fields, header: trimmedHeader, mapping: mapping.name)
        var derived: [Target] = []
        for extra in mapping.also ?? [] {
            derived.append(try Self.target(extra.entity, extra.fields, header: trimmedHeader, mapping: mapping.name))
        }
        self.derived = derived
        var history: [(stage: String, column: Int, pattern: DatePattern)] = []
        for entry in mapping.stageHistory ?? [] {
            guard entity == .deal else {
                throw MappingError(
                    code: "stage_history_not_deal",
                    message: "mapping '\(mapping.name)': stageHistory applies only to entity deal")
            }
            let pattern = try entry.format.map { f throws(MappingError) in try DatePattern(f) } ?? .iso8601
            history.append((entry.stage, trimmedHeader.firstIndex(of: entry.column)!, pattern))
        }
        self.history = history
    }

    private static func target(
        _ entity: EntityKind, _ fields: [String: FieldMapping], header: [String], mapping: String
    ) throws(MappingError) -> Target {
        let specs = entity.fields
        var compiled: [String: Field] = [:]
        for (name, spec) in fields {
            guard let fieldSpec = specs.first(where: { $0.name == name }) else {
                var message = "mapping '\(mapping)': '\(name)' is not a field of \(entity.rawValue)"
                if let near = NameSuggestion.nearest(to: name, in: entity.fieldNames) {
                    message += "; did you mean '\(near)'?"
                }
                message += " Fields: " + entity.fieldNames.joined(separator: ", ")
                throw MappingError(code: "unknown_field", message: message)
            }
            let sources = [spec.column != nil, spec.template != nil, spec.value != nil].filter { $0 }.count
            guard sources == 1 || (sources == 0 && spec.default != nil) else {
                throw MappingError(
                    code: "bad_field_mapping",
                    message: "mapping '\(mapping)', field '\(name)': give exactly one of column, template or value")
            }
            var template: [CompiledPiece]?
            if let text = spec.template {
                var pieces: [CompiledPiece] = []
                for piece in Template.pieces(of: text) {
                    switch piece {
                    case .literal(let literal): pieces.append(.literal(literal))
                    case .placeholder(let placeholder):
                        if let transform = placeholder.transform, !Template.transforms.contains(transform) {
                            throw MappingError(
                                code: "bad_template",
                                message: "mapping '\(mapping)', field '\(name)': unknown transform '\(transform)' "
                                    + "in '\(text)'; use slug, lower, upper or trim")
                        }
                        pieces.append(
                            .column(header.firstIndex(of: placeholder.column)!, transform: placeholder.transform))
                    }
                }
                template = pieces
            }
            let pattern = try spec.format.map { f throws(MappingError) in try DatePattern(f) } ?? .iso8601
            var scale = DecimalText("1")!
            if let text = spec.scale {
                guard let parsed = DecimalText(text), parsed.mantissa > 0 else {
                    throw MappingError(
                        code: "bad_scale",
                        message: "mapping '\(mapping)', field '\(name)': scale '\(text)' is not a positive number")
                }
                scale = parsed
            }
            let label: String
            if let column = spec.column {
                label = "\(column) (\(name))"
            } else if let text = spec.template {
                label = "\(name) (template '\(text)')"
            } else {
                label = name
            }
            compiled[name] = Field(
                name: name, spec: spec, type: fieldSpec.type, column: spec.column.flatMap { header.firstIndex(of: $0) },
                template: template, pattern: pattern, scale: scale, label: label)
        }
        let unmapped = specs.filter { $0.required && compiled[$0.name] == nil }.map(\.name)
        if !unmapped.isEmpty {
            throw MappingError(
                code: "unmapped_required_field",
                message: "mapping '\(mapping)' does not map the required field(s) "
                    + unmapped.joined(separator: ", ") + " of \(entity.rawValue)")
        }
        return Target(entity: entity, fields: compiled)
    }
}
