import Foundation
import PulseCore

/// Turns an alert into a `DeliveryMessage` for every channel: the subject line, the §3.2 plain text
/// (`AlertTextRenderer`), HTML for e-mail, Block Kit blocks for Slack and the link to the alert. A resolved,
/// escalated, reopened or acknowledged notification says so first.
public struct AlertMessageRenderer: Sendable {
    /// Base URL of the Pulse server ("https://pulse.example.com"), without a trailing slash.
    public let publicURL: String

    public init(publicURL: String) {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        self.publicURL = base
    }

    /// The alert's page: `{publicURL}/alerts/{number}` (the id before the store has numbered it).
    public func link(for alert: Alert) -> String {
        "\(publicURL)/alerts/\(alert.number > 0 ? String(alert.number) : alert.id.rawValue)"
    }

    /// The message for `alert`; `action` is the outbox row's action (a notification reason, or a PagerDuty
    /// action).
    public func render(_ alert: Alert, action: String) -> DeliveryMessage {
        let headline = Self.headline(alert, action: action)
        let link = link(for: alert)
        let prefix = Self.subjectPrefix(action)
        let subject = "\(prefix)\(alert.severity.emoji) \(alert.content.title) — \(alert.content.entityLine)"
        var text = AlertTextRenderer.render(alert)
        if let headline { text = headline + "\n\n" + text }
        text += "\n\nView alert: \(link)"
        return DeliveryMessage(
            subject: subject, text: text, html: html(alert, headline: headline, link: link),
            slackBlocks: SlackBlocks.alert(alert, headline: headline, link: link), severity: alert.severity,
            link: link)
    }

    static func subjectPrefix(_ action: String) -> String {
        switch action {
        case "resolved", "resolve": "Resolved: "
        case "escalated": "Escalated: "
        case "reopened": "Reopened: "
        case "acknowledge": "Acknowledged: "
        default: ""
        }
    }

    /// The sentence that opens a follow-up message; nil for a new alert.
    static func headline(_ alert: Alert, action: String) -> String? {
        switch action {
        case "resolved", "resolve":
            let by = alert.resolvedBy.map { $0 == "pulse" ? "the condition cleared" : "resolved by \($0)" }
            let at = alert.resolvedAt.map { " at \(AlertTextRenderer.timestamp($0))" } ?? ""
            return "✅ Resolved — \(by ?? "resolved")\(at)" + (alert.resolutionNote.map { ": \($0)" } ?? "")
        case "escalated":
            return "⏫ Escalated to level \(alert.escalationLevel) — not acknowledged within the "
                + "\(alert.severity.responseLabel) response time"
        case "reopened":
            return "🔁 Reopened — the condition is back after it had resolved"
        case "acknowledge":
            return "👀 Acknowledged" + (alert.acknowledgedBy.map { " by \($0)" } ?? "")
        default:
            return nil
        }
    }

    private func html(_ alert: Alert, headline: String?, link: String) -> String {
        let content = alert.content
        var parts = ["<!DOCTYPE html>", "<html><body style=\"font-family: sans-serif\">"]
        if let headline { parts.append("<p><strong>\(Self.escaped(headline))</strong></p>") }
        parts.append("<h2>\(alert.severity.emoji) \(Self.escaped(content.title))</h2>")
        var head = [content.entityLine]
        if let owner = content.ownerLine { head.append(owner) }
        parts.append("<p>" + (head + content.facts).map(Self.escaped).joined(separator: "<br>") + "</p>")
        if !content.why.isEmpty {
            parts.append("<h3>Why this matters</h3>")
            parts.append("<ul>" + content.why.map { "<li>\(Self.escaped($0))</li>" }.joined() + "</ul>")
        }
        if !content.actions.isEmpty {
            parts.append("<h3>Recommended Actions</h3>")
            parts.append("<ol>" + content.actions.map { "<li>\(Self.escaped($0))</li>" }.joined() + "</ol>")
        }
        if let impact = content.impact { parts.append("<p><strong>Impact:</strong> \(Self.escaped(impact))</p>") }
        parts.append("<p><a href=\"\(Self.escaped(link))\">View alert</a></p>")
        parts.append("</body></html>")
        return parts.joined(separator: "\n")
    }

    /// The text with `&`, `<`, `>` and `"` escaped for HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
