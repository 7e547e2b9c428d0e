import Foundation
import PulseCore
import Testing

@testable import PulseEngine

/// docs/rules.md stays true to the code: the catalogue table, the severity vocabulary, the error codes, and every
/// YAML example loads without errors.
@Suite struct RulesDocumentationTests {
    private let document: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rules.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func everyCatalogueNameIsDocumented() {
        #expect(!document.isEmpty, "docs/rules.md is missing")
        let missing = MetricCatalogue.entries.map(\.name).filter { !document.contains("`\($0)`") }
        #expect(missing.isEmpty, "docs/rules.md misses \(missing); run `pulse rules catalogue --markdown`")
    }

    @Test func theCatalogueTableIsTheGeneratedOne() throws {
        let begin = try #require(document.range(of: RuleCatalogueTable.beginMarker))
        let end = try #require(document.range(of: RuleCatalogueTable.endMarker))
        let table = document[begin.upperBound..<end.lowerBound].trimmingCharacters(in: .newlines)
        #expect(
            table == RuleCatalogueTable.markdown().trimmingCharacters(in: .newlines),
            "regenerate it with `pulse rules catalogue --markdown`")
    }

    @Test func everySeverityWordAndSLAIsInTheScaleTable() throws {
        let start = try #require(document.range(of: "## Severity scale"))
        let section = document[start.upperBound...].prefix { _ in true }.split(separator: "## ").first ?? ""
        for (word, level) in Severity.vocabulary {
            let row = section.split(separator: "\n").first { $0.hasPrefix("| `\(level.rawValue)` |") } ?? ""
            #expect(row.lowercased().contains(word), "\(word) → \(level)")
            #expect(row.contains(level.responseLabel), "\(level)")
        }
    }

    @Test func everyErrorCodeIsExplained() {
        for code in RuleFileError.Code.allCases {
            #expect(document.contains("| `\(code.rawValue)` |"), "\(code.rawValue)")
        }
    }

    @Test func everyYAMLExampleLoads() {
        let blocks = document.components(separatedBy: "```yaml\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        #expect(blocks.count >= 12)
        for block in blocks {
            let body = block.split(separator: "\n", omittingEmptySubsequences: false)
                .drop { $0.hasPrefix("#") }.joined(separator: "\n")
            if body.hasPrefix("rules:") || body.hasPrefix("id:") {
                let errors = RuleLoader.parse(body, source: "docs").errors
                #expect(errors.isEmpty, "\(errors.map(\.description))\n\(body)")
            } else if body.hasPrefix("message:") {
                let yaml = """
                    id: doc-example
                    title: Example
                    scope: deal
                    severity: high
                    when: {metric: deal.smi, op: "<", value: 0.07, as: momentum}

                    """ + body
                let errors = RuleLoader.parse(yaml, source: "docs").errors
                #expect(errors.isEmpty, "\(errors.map(\.description))\n\(body)")
            } else {
                for example in whenExamples(body) {
                    let scopes = example.scope.map { [$0] } ?? RuleScope.allCases.map(\.rawValue)
                    let loads = scopes.contains { scope in
                        let yaml =
                            "id: doc-example\ntitle: Example\nseverity: low\nscope: \(scope)\n"
                            + (scope == "segment" ? "segment_by: [industry]\n" : "") + example.yaml
                            + "conditions:\n  open-deal: {attribute: deal.status, in: [open]}\n"
                        return RuleLoader.parse(yaml, source: "docs").errors.isEmpty
                    }
                    #expect(loads, "no scope loads this example:\n\(example.yaml)")
                }
            }
        }
    }

    /// The `when:` examples of a block (a new one at each line starting `when:`), with a `scope:` line if any.
    private func whenExamples(_ block: String) -> [(scope: String?, yaml: String)] {
        var scope: String?
        var examples: [String] = []
        for line in block.split(separator: "\n") {
            if line.hasPrefix("scope: ") {
                scope = String(line.dropFirst(7))
            } else if line.hasPrefix("when:") {
                examples.append(String(line))
            } else if !examples.isEmpty {
                examples[examples.count - 1] += "\n" + line
            }
        }
        return examples.map { (scope, $0 + "\n") }
    }
}
