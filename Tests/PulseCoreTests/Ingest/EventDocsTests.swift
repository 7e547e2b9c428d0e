import Foundation
import Testing

@testable import PulseCore

@Suite struct EventDocsTests {
    static let docs: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/events.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: EntityKind.allCases)
    func everyEventTypeAndFieldIsDocumented(kind: EntityKind) throws {
        let heading = "## `\(kind.eventType.rawValue)`"
        let start = try #require(Self.docs.range(of: heading), "docs/events.md has no section \(heading)")
        let section = Self.docs[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        let body = section[..<end]
        for field in kind.fields {
            #expect(body.contains("| `\(field.name)` | \(field.type) | \(field.required ? "yes" : "no") |"))
        }
        let example = try #require(body.split(separator: "\n").first { $0.hasPrefix("{\"id\"") })
        let decoded = try EventDecoder().decode(line: String(example))
        #expect(decoded.event.type == kind.eventType)
    }
}
