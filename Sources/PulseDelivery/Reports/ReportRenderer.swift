import Foundation
import Mustache
import PulseCore

/// Renders scheduled reports with the swift-mustache templates in `Templates/` (one per report and format:
/// `<report>.slack`, `<report>.text`, `<report>.html`) into text or a `DeliveryMessage`.
public struct ReportRenderer: Sendable {
    /// Template loading failures: what is missing or malformed, and where.
    public struct TemplateError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    let library: MustacheLibrary

    /// Loads the templates bundled with PulseDelivery.
    public init() throws {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw TemplateError(description: "The PulseDelivery bundle has no Templates folder; reinstall Pulse.")
        }
        try self.init(directory: folder.path)
    }

    /// Loads every `*.mustache` file of `directory` (named by file name without the extension), checking that
    /// each report has all three formats.
    public init(directory: String) throws {
        MustacheContentTypes.register(SlackContentType(), named: "SLACK")
        var library = MustacheLibrary()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            do {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw TemplateError(description: "Template \(path) does not parse: \(error)")
            }
        }
        for kind in ScheduledReportKind.allCases {
            for format in ReportFormatKind.allCases where library.getTemplate(named: Self.name(kind, format)) == nil {
                throw TemplateError(
                    description: "Missing template \(Self.name(kind, format)).mustache in \(directory).")
            }
        }
        self.library = library
    }

    static func name(_ kind: ScheduledReportKind, _ format: ReportFormatKind) -> String {
        "\(kind.rawValue).\(format.rawValue)"
    }

    /// The report in one format, without trailing blank lines.
    public func render(_ report: ScheduledReport, format: ReportFormatKind) -> String {
        let text = library.render(report.model, withTemplate: Self.name(report.kind, format)) ?? ""
        var lines = text.components(separatedBy: "\n")
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    /// A message for every channel: subject, plain text, HTML, and Slack Block Kit blocks (one mrkdwn section,
    /// plus a link button when `link` is given).
    public func message(_ report: ScheduledReport, link: String? = nil) -> DeliveryMessage {
        let slack = render(report, format: .slack)
        var blocks: [[String: Any]] = [
            ["type": "section", "text": ["type": "mrkdwn", "text": Self.slackSection(slack)]]
        ]
        if let link {
            blocks.append([
                "type": "actions",
                "elements": [
                    ["type": "button", "text": ["type": "plain_text", "text": "Open in Pulse"], "url": link]
                ],
            ])
        }
        let json = (try? JSONSerialization.data(withJSONObject: blocks, options: [.sortedKeys])).flatMap {
            String(data: $0, encoding: .utf8)
        }
        return DeliveryMessage(
            subject: report.subject, text: render(report, format: .text), html: render(report, format: .html),
            slackBlocks: json, severity: .low, link: link)
    }

    /// Slack limits a section's text to 3,000 characters.
    static func slackSection(_ text: String) -> String {
        text.count <= 3000 ? text : String(text.prefix(2990)) + "\n…"
    }
}

/// Slack mrkdwn escaping: `&`, `<` and `>` become entities; nothing else is touched.
struct SlackContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
