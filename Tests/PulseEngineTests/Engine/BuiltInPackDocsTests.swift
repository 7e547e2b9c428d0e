import Foundation
import PulseEngine
import Testing

@Test func docsRulesListsEveryBuiltInRule() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/rules.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let rules = RuleLoader.load(directory: nil).rules
    #expect(rules.count >= 40)
    let missing = rules.map(\.id).filter { !text.contains("`\($0)`") }
    #expect(missing.isEmpty, "docs/rules.md misses built-in rules: \(missing)")
}
