/// How one target field gets its value from a CSV row: a column, a template over columns, or a constant,
/// then optional value translation, default, date format and money scale.
///
/// In YAML a bare string is short for `{column: NAME}`.
public struct FieldMapping: Codable, Hashable, Sendable {
    /// Source column (header name).
    public var column: String?
    /// Text with `{column}` or `{column|slug}`, `{column|lower}`, `{column|upper}` placeholders; empty when a
    /// referenced column is empty.
    public var template: String?
    /// A constant value.
    public var value: String?
    /// Translates source values ("Engaging" → "Qualified"); values not listed pass through unchanged.
    public var values: [String: String]?
    /// Used when the column is empty.
    public var `default`: String?
    /// Date format for date fields (`yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss`, `iso8601`); default iso8601.
    public var format: String?
    /// Money fields: how many currency units one source unit is (revenue in millions → 1000000); default 1.
    public var scale: String?
    /// List fields: separator between items; default `;`.
    public var separator: String?

    public init(
        column: String? = nil, template: String? = nil, value: String? = nil, values: [String: String]? = nil,
        default: String? = nil, format: String? = nil, scale: String? = nil, separator: String? = nil
    ) {
        self.column = column
        self.template = template
        self.value = value
        self.values = values
        self.default = `default`
        self.format = format
        self.scale = scale
        self.separator = separator
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case column, template, value, values, `default`, format, scale, separator
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let column = try? single.decode(String.self) {
            self.init(column: column)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            column: try container.decodeIfPresent(String.self, forKey: .column),
            template: try container.decodeIfPresent(String.self, forKey: .template),
            value: try container.decodeIfPresent(String.self, forKey: .value),
            values: try container.decodeIfPresent([String: String].self, forKey: .values),
            default: try container.decodeIfPresent(String.self, forKey: .default),
            format: try container.decodeIfPresent(String.self, forKey: .format),
            scale: try container.decodeIfPresent(String.self, forKey: .scale),
            separator: try container.decodeIfPresent(String.self, forKey: .separator))
    }

    /// Columns this field reads (its column and every template placeholder).
    public var columns: [String] {
        var result: [String] = []
        if let column { result.append(column) }
        if let template { result.append(contentsOf: Template.placeholders(in: template).map(\.column)) }
        return result
    }
}
