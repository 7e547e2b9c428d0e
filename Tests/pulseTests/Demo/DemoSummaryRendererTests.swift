import Foundation
import Testing

@testable import pulse

private func sample() -> DemoSummary {
    var s = DemoSummary()
    s.header = ["Pulse demo — seed 42"]
    s.kpis = [
        .init(label: "Calls per BDR per week", value: "14.3", target: "25", light: .red),
        .init(label: "Win rate, last 90 days", value: "48%", target: "45%", light: .green),
        .init(label: "Agreements, last 30 days", value: "17", target: "20", light: .amber),
    ]
    s.conversions = [.init(label: "Call → Proposal", rate: "43%", counts: "40 of 93")]
    s.pipeline.openByStage = [("Call Booked", 59), ("Call Conducted", 48)]
    s.pipeline.scheduledCalls = 9
    s.pipeline.outstandingProposals = 18
    s.pipeline.overdueLists = 3
    s.pipeline.facts = [("PVS (B2B)", "$1,234 per day")]
    s.lowestMomentum = [
        .init(
            deal: "Northwind Alliance", owner: "Grace Okafor", stage: "Call Booked", daysInStage: 80, smi: 0.0125,
            amount: "–")
    ]
    s.leaderboard = [.init(name: "Liam Chen", calls: 20, agreements: 2, lists: 1, sales: 1, index: 33)]
    s.lowestHealth = [
        .init(
            account: "Cedarline Labs", score: 23, weakest: "engagement trend",
            explanation: "12 uses in the last 30 days vs 80 in the 30 before (-85%)", arr: "$54K")
    ]
    return s
}

@Test func thePipedSummaryHasEverySectionAndWordsInsteadOfColours() {
    let text = DemoSummaryRenderer(colour: false).render(sample())
    for section in [
        "KPIs", "Pipeline health", "Top deals by lowest SMI", "BDR leaderboard",
        "Customers with the lowest health", "Conversion rates",
    ] {
        #expect(text.contains(section), "missing \(section)")
    }
    #expect(!text.contains("\u{1B}["))
    #expect(!text.contains("●"))
    #expect(text.contains("behind") && text.contains("on track") && text.contains("at risk"))
    #expect(text.contains("Overdue partner lists: 3"))
    #expect(text.contains("0.013"))
}

@Test func theTerminalSummaryColoursTrafficLightsWithoutBreakingAlignment() {
    let text = DemoSummaryRenderer(colour: true).render(sample())
    #expect(text.contains("\u{1B}[31m●\u{1B}[0m behind"))
    #expect(text.contains("\u{1B}[32m●\u{1B}[0m on track"))
    #expect(text.contains("\u{1B}[33m●\u{1B}[0m at risk"))
    let plain = DemoSummaryRenderer(colour: false).render(sample())
    let strip = text.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[32m", with: "")
        .replacingOccurrences(of: "\u{1B}[33m", with: "").replacingOccurrences(of: "\u{1B}[1m", with: "")
        .replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "● ", with: "")
    #expect(strip == plain)
}

@Test func tableColumnsLineUp() {
    var table = DemoTextTable([("Name", .left), ("Count", .right)])
    table.add(["a", "1"])
    table.add(["longer name", "12345"])
    #expect(table.render(indent: 0) == ["Name         Count", "a                1", "longer name  12345"])
}

@Test func numbersAreFormattedForReading() {
    #expect(DemoSummaryRenderer.grouped(28_412) == "28,412")
    #expect(DemoSummaryRenderer.grouped(999) == "999")
    #expect(DemoSummaryRenderer.grouped(-1_234_567) == "-1,234,567")
    #expect(DemoSummaryRenderer.percent(0.4349) == "43%")
    #expect(DemoSummaryRenderer.percent(nil) == "–")
    #expect(DemoSummaryRenderer.decimals(0.0714, 3) == "0.071")
    #expect(DemoSummaryRenderer.decimals(1, 2) == "1.00")
}

@Test func demoDatesParseOnlyRealCalendarDays() {
    #expect(DemoOptions.parseDay("2025-06-30") == Date(timeIntervalSince1970: 1_751_241_600))
    #expect(DemoOptions.parseDay("2024-02-29") != nil)
    #expect(DemoOptions.parseDay("2025-02-29") == nil)
    #expect(DemoOptions.parseDay("2025-6-30") == nil)
    #expect(DemoOptions.parseDay("30/06/2025") == nil)
    #expect(DemoOptions.parseDay("2025-13-01") == nil)
    #expect(DemoCSV.timestamp(Date(timeIntervalSince1970: 1_751_275_845)) == "2025-06-30T09:30:45Z")
    #expect(DemoCSV.timestamp(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
}

@Test func csvFieldsAreQuotedOnlyWhenNeeded() {
    #expect(
        DemoCSV.line(["a", nil, "b,c", "say \"hi\"", "two\nlines"]) == "a,,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"")
}
