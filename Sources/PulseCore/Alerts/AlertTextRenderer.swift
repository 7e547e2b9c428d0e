import Foundation

/// Plain-text alert output for the terminal and e-mail bodies (`pulse alerts show` prints `render`).
public enum AlertTextRenderer {
    /// The alert's message exactly in the §3.2 layout: title, blank line, entity, owner, fact lines, then the
    /// "Why this matters:" bullets, the numbered "Recommended Actions:" and the "Impact:" line, each block after
    /// a blank line and left out when empty.
    public static func render(_ alert: Alert) -> String { render(alert.content) }

    /// The §3.2 layout for any content; `numbered: false` bullets the actions instead of numbering them.
    public static func render(_ content: AlertContent, numbered: Bool = true) -> String {
        var blocks: [[String]] = [[content.title]]
        var head = [content.entityLine]
        if let owner = content.ownerLine { head.append(owner) }
        blocks.append(head + content.facts)
        if !content.why.isEmpty { blocks.append(["Why this matters:"] + content.why.map { "• \($0)" }) }
        if !content.actions.isEmpty {
            let items = content.actions.enumerated().map {
                numbered ? "\($0.offset + 1). \($0.element)" : "• \($0.element)"
            }
            blocks.append(["Recommended Actions:"] + items)
        }
        if let impact = content.impact { blocks.append(["Impact: \(impact)"]) }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// One listing line: "#17  🔴 critical  open  VELOCITY ALERT: Deal at Risk — Deal: D04523 - Acme Corp".
    public static func summary(_ alert: Alert) -> String {
        var flags: [String] = []
        if alert.shadow { flags.append("shadow") }
        switch alert.suppression {
        case .silenced(let id): flags.append("silenced by \(id)")
        case .inhibited(let fingerprint): flags.append("inhibited by \(fingerprint)")
        case nil: break
        }
        let tail = flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]"
        return "\(label(alert))  \(alert.severity.emoji) \(alert.severity.rawValue)  \(alert.state.rawValue)  "
            + "\(alert.content.title) — \(alert.content.entityLine)\(tail)"
    }

    /// The lifecycle facts `pulse alerts show` prints under the message: state, severity and SLA, recipients,
    /// escalation, suppression, acknowledgement, snooze, assignment and resolution.
    public static func statusLines(_ alert: Alert) -> [String] {
        var lines = [
            "\(label(alert).capitalizedFirst) · \(alert.severity.rawValue) (\(alert.severity.responseLabel)) · "
                + "\(alert.state.rawValue)\(alert.shadow ? " · shadow (recorded, never notified)" : "")",
            "Rule: \(alert.rule) · fingerprint \(alert.fingerprint) · raised \(timestamp(alert.raisedAt))"
                + (alert.openedAt.map { " · opened \(timestamp($0))" } ?? ""),
        ]
        lines.append(
            "Recipients: \(alert.recipients.isEmpty ? "nobody" : alert.recipients.map(\.rawValue).joined(separator: ", "))"
                + " (escalation level \(alert.escalationLevel))"
                + (alert.slaDueAt.map { " · SLA due \(timestamp($0))" } ?? ""))
        if let assignee = alert.assignee { lines.append("Assigned to: \(assignee)") }
        switch alert.suppression {
        case .silenced(let id): lines.append("Suppressed: silenced by \(id)")
        case .inhibited(let fingerprint): lines.append("Suppressed: inhibited by alert \(fingerprint)")
        case nil: break
        }
        if let at = alert.acknowledgedAt {
            lines.append("Acknowledged by \(alert.acknowledgedBy ?? "?") at \(timestamp(at))")
        }
        if let until = alert.snoozedUntil { lines.append("Snoozed until \(timestamp(until))") }
        if let clear = alert.clearSince, alert.isActive { lines.append("Condition clear since \(timestamp(clear))") }
        if let at = alert.resolvedAt {
            lines.append(
                "Resolved by \(alert.resolvedBy ?? "?") at \(timestamp(at))"
                    + (alert.resolutionNote.map { ": \($0)" } ?? ""))
        }
        if let previous = alert.reopenedFrom { lines.append("Reopened: follows alert \(previous)") }
        return lines
    }

    /// "2026-11-25 09:00 UTC" (seconds shown only when not zero).
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let iso = UTCCalendar.iso8601(seconds)
        let minute = iso.prefix(16).replacingOccurrences(of: "T", with: " ")
        return seconds % 60 == 0 ? "\(minute) UTC" : "\(minute):\(iso.dropFirst(17).prefix(2)) UTC"
    }

    /// "alert #17", or "alert <id>" before the store has numbered it.
    public static func label(_ alert: Alert) -> String {
        alert.number > 0 ? "alert #\(alert.number)" : "alert \(alert.id.rawValue)"
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
