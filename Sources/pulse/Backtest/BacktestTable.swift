import Foundation
import PulseCore

/// The terminal rendering of a backtest report: a header, one row per rule sorted by episodes, a total line and
/// notes on what could not be scored.
enum BacktestTable {
    static func lines(_ report: BacktestReport, load: Duration, replay: Duration) -> [String] {
        let from = BacktestOptions.dayText(report.from)
        let to = BacktestOptions.dayText(report.to)
        var lines = [
            "Backtest \(from) … \(to): \(report.daysReplayed) days replayed (step \(report.stepDays)d, horizon "
                + "\(report.horizonDays)d), \(report.rules.count) rules, \(report.evaluations) rule × entity "
                + "evaluations; loaded in \(seconds(load)), replayed in \(seconds(replay)).",
            "Outcomes in range: " + outcomeSummary(report.outcomesInRange)
                + (report.dataEnd.map { "; data ends \(BacktestOptions.dayText($0))" } ?? "") + ".",
            "",
        ]
        var table = DemoTextTable([
            ("rule", .left), ("severity", .left), ("episodes", .right), ("precision", .right), ("recall", .right),
            ("median lead d", .right), ("alerts/owner/wk", .right),
        ])
        for s in report.rules {
            table.add([
                s.rule + (s.shadow ? " (shadow)" : ""), s.severity.rawValue, "\(s.episodes)",
                percent(s.precision, scored: s.isScored), percent(s.recall, scored: s.isScored),
                days(s.medianLeadDays, scored: s.isScored), String(format: "%.2f", s.alertsPerOwnerPerWeek),
            ])
        }
        let t = report.total
        table.add([
            "TOTAL", "", "\(t.episodes)", percent(t.precision, scored: true), percent(t.recall, scored: true),
            days(t.medianLeadDays, scored: true), String(format: "%.2f", t.alertsPerOwnerPerWeek),
        ])
        lines += table.render(indent: 0)
        lines.append("")
        let pooled = Severity.allCases.compactMap { severity in
            report.precisionBySeverity[severity.rawValue].map { "\(severity.rawValue) \(percent($0, scored: true))" }
        }
        if !pooled.isEmpty {
            lines.append(
                "Precision by severity (scored rules pooled; critical = P1): " + pooled.joined(separator: ", "))
        }
        lines.append(
            "precision = episodes followed by the expected outcome within the horizon ÷ episodes (episodes whose "
                + "horizon runs past the data, without a hit, left out: \(t.censored)); recall = expected outcomes in "
                + "range preceded by an episode (TOTAL: bad outcomes, any risk rule). n/a = rep, team, segment or "
                + "tenant scope, or a category that predicts no outcome; — = nothing to divide by.")
        for note in report.notes { lines.append("note: \(note).") }
        if report.undatedChurns > 0 {
            lines.append("note: \(report.undatedChurns) account(s) flagged churned without a date are not outcomes.")
        }
        return lines
    }

    static func percent(_ value: Double?, scored: Bool) -> String {
        guard scored else { return "n/a" }
        return value.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
    }

    static func days(_ value: Double?, scored: Bool) -> String {
        guard scored else { return "n/a" }
        return value.map { String(format: "%.1f", $0) } ?? "—"
    }

    static func outcomeSummary(_ counts: [String: Int]) -> String {
        let parts = BacktestOutcome.Kind.allCases.compactMap { kind in
            counts[kind.rawValue].map { "\($0) \(kind.rawValue)" }
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.1f s", s)
    }
}
