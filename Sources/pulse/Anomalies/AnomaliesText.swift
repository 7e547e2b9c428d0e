import Foundation
import PulseCore

/// The terminal report of `pulse anomalies`: the series and its summary, the rate test, the detections table
/// and the detectors that could not judge the series.
enum AnomaliesText {
    static func lines(_ inspection: SeriesInspection, sensitivity: String, direction: String) -> [String] {
        let series = inspection.series
        let s = inspection.summary
        let format = { (v: Double?) in v.map { number($0, series) } ?? "—" }
        var lines = [
            "Series \(series.name) for \(series.entity): \(series.bucket.adjective) \(series.kind.rawValue), "
                + "\(s.points) points"
                + (series.count > 0 ? " from \(series.day(0)) to \(series.day(series.count - 1))" : ""),
            "Summary: \(s.missing) missing · min \(format(s.minimum)) · median \(format(s.median)) · "
                + "max \(format(s.maximum)) · latest \(format(s.latest))"
                + (s.trials.map { " · \(s.successes ?? 0) of \($0) trials" } ?? ""),
        ]
        if let rate = inspection.rate {
            lines.append(
                "Recent window vs baseline: \(percent(rate.recentRate)) of \(rate.recentTrials) vs "
                    + "\(percent(rate.baselineRate)) of \(rate.baselineTrials); z = \(fixed(rate.z, 2)), "
                    + "p = \(pValue(rate.pValue))"
                    + (rate.isSignificant(
                        AnomalySensitivity(rawValue: sensitivity) ?? .medium,
                        direction: AnomalyDirection(rawValue: direction) ?? .both)
                        ? " — significant" : " — not significant"))
        }
        lines.append("")
        if inspection.detections.isEmpty {
            lines.append("No anomalies (sensitivity \(sensitivity), direction \(direction)).")
        } else {
            lines.append(
                "\(inspection.detections.count) detection(s) (sensitivity \(sensitivity), direction \(direction)):")
            var rows = [["DATE", "VALUE", "EXPECTED", "SCORE", "DETECTOR"]]
            for d in inspection.detections {
                rows.append([
                    series.day(d.index), number(d.value, series), number(d.expected, series), fixed(d.score, 2),
                    d.detector,
                ])
            }
            lines.append(QuarantineCommand.aligned(rows).trimmingCharacters(in: .newlines))
        }
        if !inspection.problems.isEmpty {
            lines.append("")
            lines.append("Not judged:")
            lines += inspection.problems.map { "  \($0.description)" }
        }
        return lines
    }

    static func number(_ v: Double, _ series: MetricSeries) -> String {
        if series.kind == .rate { return percent(v) }
        if series.name == "pipeline_created" { return fixed(v / 100, 0) }
        return fixed(v, abs(v) >= 100 ? 0 : 2)
    }

    static func percent(_ v: Double) -> String { fixed(v * 100, 1) + "%" }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    static func pValue(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p) }
}

/// `pulse anomalies --json`: the same content for scripts.
struct AnomaliesReport: Encodable {
    struct Point: Encodable {
        var start: Date
        var value: Double?
        var successes: Int?
        var trials: Int?
    }

    struct Problem: Encodable {
        var detector: String
        var code: String
        var message: String
    }

    var series: String
    var entity: String
    var bucket: String
    var kind: String
    var sensitivity: String
    var direction: String
    var summary: SeriesSummary
    var points: [Point]
    var detections: [SeriesDetection]
    var rate: RateComparison?
    var problems: [Problem]

    init(_ inspection: SeriesInspection, sensitivity: String, direction: String) {
        let s = inspection.series
        series = s.name
        entity = s.entity.description
        bucket = s.bucket.rawValue
        kind = s.kind.rawValue
        self.sensitivity = sensitivity
        self.direction = direction
        summary = inspection.summary
        points = s.values.indices.map { i in
            Point(
                start: s.starts[i], value: s.values[i], successes: s.kind == .rate ? s.successes[i] : nil,
                trials: s.kind == .rate ? s.trials[i] : nil)
        }
        detections = inspection.detections
        rate = inspection.rate
        problems = inspection.problems.map {
            Problem(detector: $0.detector, code: $0.error.code.rawValue, message: $0.error.message)
        }
    }
}
