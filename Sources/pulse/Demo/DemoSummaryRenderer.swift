import Foundation

/// Renders a `DemoSummary` as readable terminal text: ANSI colour on a TTY, plain words when piped.
struct DemoSummaryRenderer: Sendable {
    /// Whether to use ANSI colours (the traffic lights); off when output is not a terminal.
    var colour: Bool

    private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { paint(text, "1") }

    /// The light as shown: a coloured dot and word on a terminal, the word alone otherwise.
    func light(_ light: DemoSummary.Light) -> String {
        guard colour else { return light.word }
        let code =
            switch light {
            case .green: "32"
            case .amber: "33"
            case .red: "31"
            }
        return paint("●", code) + " " + light.word
    }

    func render(_ summary: DemoSummary) -> String {
        var out: [String] = []
        out.append(contentsOf: summary.header)

        out.append("")
        out.append(bold("KPIs"))
        var kpis = DemoTextTable([("KPI", .left), ("Value", .right), ("Target", .right), ("Status", .left)])
        for k in summary.kpis { kpis.add([k.label, k.value, k.target, k.light.word]) }
        out.append(
            contentsOf: kpis.render { row, column, padded in
                column == 3 ? light(summary.kpis[row].light) : padded
            })
        if !summary.conversions.isEmpty {
            out.append("")
            out.append(bold("Conversion rates") + " (BDR pipeline)")
            var table = DemoTextTable([("Step", .left), ("Rate", .right), ("Reached", .right)])
            for c in summary.conversions { table.add([c.label, c.rate, c.counts]) }
            out.append(contentsOf: table.render())
        }

        out.append("")
        out.append(bold("Pipeline health"))
        let p = summary.pipeline
        let stages = p.openByStage.map { "\($0.0) \(Self.grouped($0.1))" }.joined(separator: " · ")
        out.append("  Open BDR leads by stage: " + (stages.isEmpty ? "none" : stages))
        out.append("  Scheduled calls (next 7 days): \(Self.grouped(p.scheduledCalls))")
        out.append("  Outstanding proposals: \(Self.grouped(p.outstandingProposals))")
        let overdue = "  Overdue partner lists: \(Self.grouped(p.overdueLists))"
        out.append(p.overdueLists > 0 && colour ? paint(overdue, "31") : overdue)
        for (label, value) in p.facts { out.append("  \(label): \(value)") }

        out.append("")
        out.append(bold("Top deals by lowest SMI") + " (Stage Momentum Index = 1 ÷ days in stage; < 0.07 is stalled)")
        if summary.lowestMomentum.isEmpty {
            out.append("  no open deals")
        } else {
            var table = DemoTextTable([
                ("Deal", .left), ("Owner", .left), ("Stage", .left), ("Days", .right), ("SMI", .right),
                ("Amount", .right),
            ])
            for d in summary.lowestMomentum {
                table.add([d.deal, d.owner, d.stage, String(d.daysInStage), Self.decimals(d.smi, 3), d.amount])
            }
            out.append(contentsOf: table.render())
        }

        out.append("")
        out.append(bold("BDR leaderboard") + " (last 30 days; index = calls ×1 + agreements ×3 + lists ×2 + sales ×5)")
        var board = DemoTextTable([
            ("#", .right), ("BDR", .left), ("Calls", .right), ("Agreements", .right), ("Lists", .right),
            ("Sales", .right), ("Index", .right),
        ])
        for (i, b) in summary.leaderboard.enumerated() {
            board.add([
                String(i + 1), b.name, String(b.calls), String(b.agreements), String(b.lists), String(b.sales),
                String(b.index),
            ])
        }
        out.append(contentsOf: summary.leaderboard.isEmpty ? ["  no BDR activity"] : board.render())

        out.append("")
        out.append(bold("Customers with the lowest health") + " (0–100, weakest component shown)")
        var health = DemoTextTable([
            ("Account", .left), ("Score", .right), ("ARR", .right), ("Weakest", .left), ("Why", .left),
        ])
        for h in summary.lowestHealth { health.add([h.account, String(h.score), h.arr, h.weakest, h.explanation]) }
        out.append(
            contentsOf: summary.lowestHealth.isEmpty
                ? ["  no customer accounts"]
                : health.render { row, column, padded in
                    guard column == 1, colour else { return padded }
                    let score = summary.lowestHealth[row].score
                    return paint(padded, score < 40 ? "31" : score < 70 ? "33" : "32")
                })
        out.append(contentsOf: alertLines(summary))
        return out.joined(separator: "\n") + "\n"
    }

    /// `value` with exactly `places` decimals ("0.071").
    static func decimals(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let padded = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + (places > 0 ? "." + padded : "")
    }

    /// A ratio 0–1 as a whole percentage ("43%").
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(Int((value * 100).rounded())) + "%"
    }

    /// An integer with thousands separators ("28,412").
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// The closing section: the alerts the demo raised, critical first, with counts per severity and per rule;
    /// at most `perSeverity` lines of each severity are listed.
    private func alertLines(_ summary: DemoSummary, perSeverity: Int = 8) -> [String] {
        guard let alerts = summary.alerts else { return [] }
        var out = ["", bold("Alerts raised") + " — \(alerts.lines.count) from \(alerts.rules) rules: \(alerts.counts)"]
        guard !alerts.lines.isEmpty else { return out + ["  none"] }
        var shown: [DemoSummary.AlertLine] = []
        var hidden: [String: Int] = [:]
        for line in alerts.lines {
            if shown.filter({ $0.severity == line.severity }).count < perSeverity {
                shown.append(line)
            } else {
                hidden[line.severity, default: 0] += 1
            }
        }
        var table = DemoTextTable([
            ("#", .right), ("Severity", .left), ("Rule", .left), ("Entity", .left), ("Alert", .left),
        ])
        for a in shown { table.add(["\(a.number)", "\(a.emoji) \(a.severity)", a.rule, a.entity, a.title]) }
        out.append(
            contentsOf: table.render { row, column, padded in
                guard column == 1, colour else { return padded }
                let code =
                    switch shown[row].severity {
                    case "critical": "31"
                    case "high": "33"
                    case "medium": "32"
                    default: "36"
                    }
                return paint(padded, code)
            })
        let more = ["critical", "high", "medium", "low"].compactMap { level in
            hidden[level].map { "\($0) more \(level)" }
        }
        if !more.isEmpty { out.append("  … and " + more.joined(separator: ", ")) }
        var perRule: [String: Int] = [:]
        for line in alerts.lines { perRule[line.rule, default: 0] += 1 }
        let ranked = perRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
        out.append("  By rule: " + ranked.joined(separator: ", "))
        out.append("  `pulse alerts --db PATH` lists them all and `pulse alerts show N --db PATH` prints one in full")
        out.append("  (keep the database with `pulse demo --db PATH`).")
        return out
    }
}
