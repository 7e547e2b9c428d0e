import Foundation
import PulseCore

/// Terminal text for alerts: the listing table, the detail view, and counts per severity.
enum AlertRendering {
    /// "critical (P1 · urgent) — immediate (< 24 h)".
    static func severityLabel(_ severity: Severity) -> String {
        let words =
            switch severity {
            case .critical: "P1 · urgent"
            case .high: "P2 · important"
            case .medium: "opportunity"
            case .low: "P3 · performance"
            }
        return "\(severity.rawValue) (\(words)) — respond: \(severity.responseLabel)"
    }

    /// One row per alert, most severe first.
    static func table(_ alerts: [Alert], colour: Bool) -> [String] {
        var table = DemoTextTable([
            ("#", .right), ("severity", .left), ("state", .left), ("rule", .left), ("entity", .left),
            ("owner", .left), ("raised", .left), ("title", .left),
        ])
        for alert in alerts {
            var state = alert.state.rawValue
            if case .silenced(let id)? = alert.suppression { state += " (silenced \(id))" }
            if case .inhibited? = alert.suppression { state += " (inhibited)" }
            if alert.shadow { state += " (shadow)" }
            if alert.escalationLevel > 0 { state += " ↑\(alert.escalationLevel)" }
            table.add([
                "\(alert.number)", "\(alert.severity.emoji) \(alert.severity.rawValue)", state, alert.rule,
                alert.entityName, alert.owner?.rawValue ?? "—", AlertTextRenderer.timestamp(alert.raisedAt),
                alert.content.title,
            ])
        }
        return table.render(indent: 0) { row, column, padded in
            guard colour, column == 1 else { return padded }
            return paint(padded, alerts[row].severity)
        }
    }

    /// "3 critical · 5 high · 9 medium · 2 low".
    static func counts(_ alerts: [Alert]) -> String {
        Severity.allCases.map { level in "\(alerts.filter { $0.severity == level }.count) \(level.rawValue)" }
            .joined(separator: " · ")
    }

    /// The full alert, laid out like the worked examples, with its lifecycle and audit trail.
    static func detail(_ alert: Alert, audit: [AlertAuditEntry], colour: Bool) -> String {
        var lines: [String] = []
        let header = "#\(alert.number)  \(alert.severity.emoji) \(severityLabel(alert.severity))"
        lines.append(colour ? paint(header, alert.severity) : header)
        lines.append("")
        lines.append(AlertTextRenderer.render(alert))
        lines.append("")
        lines += AlertTextRenderer.statusLines(alert)
        if !audit.isEmpty {
            lines.append("")
            lines.append("History:")
            for entry in audit {
                let states = entry.toState.map { " → \($0.rawValue)" } ?? ""
                lines.append(
                    "  \(AlertTextRenderer.timestamp(entry.at))  \(entry.actor)  \(entry.action.rawValue)\(states)  \(entry.detail)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func paint(_ text: String, _ severity: Severity) -> String {
        let code =
            switch severity {
            case .critical: "31"
            case .high: "33"
            case .medium: "32"
            case .low: "36"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Whether standard output is a terminal (colour on).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
