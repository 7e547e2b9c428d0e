import Foundation
import PulseCore

/// Slack Block Kit for an alert: a header with the severity emoji and title, the entity and owner, the facts,
/// "Why this matters", numbered recommended actions, the impact, and a "View alert" link button.
public enum SlackBlocks {
    /// The `blocks` array as JSON text.
    public static func alert(_ alert: Alert, headline: String?, link: String) -> String {
        let content = alert.content
        let title: [String: Any] = [
            "type": "plain_text", "emoji": true, "text": String("\(alert.severity.emoji) \(content.title)".prefix(150)),
        ]
        var blocks: [[String: Any]] = [["type": "header", "text": title]]
        if let headline { blocks.append(section("*\(escaped(headline))*")) }
        var head = "*\(escaped(content.entityLine))*"
        if let owner = content.ownerLine { head += "\n\(escaped(owner))" }
        blocks.append(section(head))
        if !content.facts.isEmpty {
            blocks.append(section(content.facts.map { "• \(escaped($0))" }.joined(separator: "\n")))
        }
        if !content.why.isEmpty {
            blocks.append(
                section("*Why this matters*\n" + content.why.map { "• \(escaped($0))" }.joined(separator: "\n")))
        }
        if !content.actions.isEmpty {
            let numbered = content.actions.enumerated().map { "\($0.offset + 1). \(escaped($0.element))" }
            blocks.append(section("*Recommended actions*\n" + numbered.joined(separator: "\n")))
        }
        var context = [
            "\(alert.severity.emoji) \(alert.severity.rawValue) · \(alert.severity.responseLabel)",
            AlertTextRenderer.label(alert),
        ]
        if let impact = content.impact { context.insert("Impact: \(escaped(impact))", at: 0) }
        let elements: [[String: Any]] = context.map { ["type": "mrkdwn", "text": $0] }
        blocks.append(["type": "context", "elements": elements])
        let button: [String: Any] = [
            "type": "button", "text": ["type": "plain_text", "text": "View alert"], "url": link,
            "action_id": "view_alert",
        ]
        blocks.append(["type": "actions", "elements": [button]])
        let data = try? JSONSerialization.data(withJSONObject: blocks, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func section(_ markdown: String) -> [String: Any] {
        let text: [String: Any] = ["type": "mrkdwn", "text": String(markdown.prefix(3000))]
        return ["type": "section", "text": text]
    }

    /// Slack's mrkdwn escaping: `&`, `<` and `>`.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
