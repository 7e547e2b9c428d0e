import Foundation
import PulseCore
import Testing

@testable import PulseDelivery

/// The bundled swift-mustache templates: every report renders in every format, with the model's numbers, and
/// Slack text escapes markup characters.
@Suite struct ReportRendererTests {
    let renderer: ReportRenderer

    init() throws { renderer = try ReportRenderer() }

    @Test(arguments: ScheduledReportKind.allCases)
    func everyReportRendersInEveryFormat(kind: ScheduledReportKind) {
        let report = ScheduledReport(
            kind, data: ReportTestData.data, user: ReportTestData.manager, now: ReportTestData.now)
        for format in ReportFormatKind.allCases {
            let text = renderer.render(report, format: format)
            #expect(!text.isEmpty, "\(kind.rawValue).\(format.rawValue)")
            #expect(!text.contains("{{"), "\(kind.rawValue).\(format.rawValue)")
            #expect(!text.contains("CONTENT_TYPE"), "\(kind.rawValue).\(format.rawValue)")
        }
    }

    @Test func morningBriefTextListsPrioritiesMeetingsAndActions() {
        let report = ScheduledReport(
            .morningBrief, data: ReportTestData.data, user: ReportTestData.manager, now: ReportTestData.now)
        let text = renderer.render(report, format: .text)
        #expect(text.hasPrefix("Good morning Max Moss — your brief for 2026-11-25"))
        #expect(text.contains("- [urgent] #1 Alert 1 — Acme <Corp> & Co (Ana Diaz)"))
        #expect(text.contains("- 15:00 meeting: Kick-off (Ana Diaz)"))
        #expect(text.contains("Immediate actions:\n- Call <the> lead & confirm"))
        #expect(text.contains("Calls yesterday: 1. Other open alerts: 1."))
    }

    @Test func slackTextEscapesAmpersandsAndAngleBrackets() {
        let report = ScheduledReport(
            .consolidatedAlerts, data: ReportTestData.data, user: ReportTestData.manager, now: ReportTestData.now)
        let slack = renderer.render(report, format: .slack)
        #expect(slack.contains("*#1 Alert 1* — Acme &lt;Corp&gt; &amp; Co (Ana Diaz)"))
        #expect(slack.contains("*Urgent*"))
        #expect(!slack.contains("*High*"))
        #expect(slack.contains("*Medium*"))
        let html = renderer.render(report, format: .html)
        #expect(html.contains("Acme &lt;Corp&gt; &amp; Co"))
        #expect(html.contains("<h3>Urgent</h3>"))
    }

    @Test func dailyWinSlackIsTheOneLineHeadline() {
        let report = ScheduledReport(
            .dailyWin, data: ReportTestData.data, user: ReportTestData.manager,
            now: ReportTestData.d("2026-11-26T08:00:00Z"))
        #expect(
            renderer.render(report, format: .slack)
                == "✅ Good morning! Pulse processed 1 events yesterday, raised 0 alerts and saw 1 deal won ($12.5K).")
    }

    @Test func aMessageCarriesTextHTMLAndSlackBlocks() throws {
        let report = ScheduledReport(
            .weeklyScorecard, data: ReportTestData.data, user: ReportTestData.rep,
            now: ReportTestData.d("2026-11-30T08:00:00Z"))
        let message = renderer.message(report, link: "https://pulse.example.com/reports/weekly-scorecard")
        #expect(message.subject == "Pulse weekly scorecard — Ana Diaz, 2026-W48: #1 of 1")
        #expect(message.text.contains("- Sales: 1 (new vs the week before)"))
        #expect(message.html?.contains("<h2>Weekly scorecard — Ana Diaz, 2026-W48</h2>") == true)
        let blocks = try #require(message.slackBlocks)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(blocks.utf8)) as? [[String: Any]])
        let section = try #require(parsed.first?["text"] as? [String: Any])
        #expect(section["type"] as? String == "mrkdwn")
        #expect(section["text"] as? String == renderer.render(report, format: .slack))
        #expect(parsed.count == 2)
    }

    @Test func aTemplateFolderMissingAFormatIsRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "hi".write(to: folder.appendingPathComponent("daily-win.text.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try ReportRenderer(directory: folder.path)
        } throws: { error in
            "\(error)".contains("Missing template") && "\(error)".contains(".mustache")
        }
    }
}
