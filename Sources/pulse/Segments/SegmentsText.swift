import Foundation
import PulseCore

/// The terminal text of `pulse segments`: the accounts and features used, a silhouette table of the ks tried,
/// then one row per segment with its typical values in real units.
enum SegmentsText {
    /// The lines for a segmentation computed in `elapsed`.
    static func lines(_ s: AccountSegmentation, elapsed: Duration) -> [String] {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var lines = [
            "Engagement segments at \(AlertTextRenderer.timestamp(s.asOf)): \(s.accounts) active account"
                + "\(s.accounts == 1 ? "" : "s") (\(s.churned) churned left out); computed in "
                + String(format: "%.0f ms.", milliseconds)
        ]
        if !s.features.isEmpty {
            lines.append("Clustered on: " + s.features.map(\.label).joined(separator: ", ") + ".")
        }
        if !s.droppedFeatures.isEmpty {
            lines.append(
                "Left out (unknown for every account or the same for all): "
                    + s.droppedFeatures.map(\.label).joined(separator: ", ") + ".")
        }
        if let reason = s.unavailable {
            lines.append(reason)
            return lines
        }
        lines.append("")
        var trials = DemoTextTable([("k", .right), ("silhouette", .right), ("inertia", .right), ("", .left)])
        for t in s.trials {
            trials.add([
                String(t.k), String(format: "%.3f", t.silhouette), String(format: "%.1f", t.inertia),
                t.k == s.k ? "← chosen" : "",
            ])
        }
        lines += trials.render()
        lines.append("")
        lines.append("k = \(s.k) (best silhouette \(String(format: "%.3f", s.silhouette ?? 0))):")
        let shown = s.features
        var table = DemoTextTable(
            [("#", .right), ("segment", .left), ("accounts", .right)] + shown.map { ($0.label, .right) })
        for segment in s.segments {
            table.add(
                [String(segment.number), segment.name, String(segment.size)]
                    + shown.map { f in segment.typical[f].map(f.format) ?? "–" })
        }
        lines += table.render()
        lines.append("")
        lines.append(
            "Typical values are member means (usage trend: the geometric mean change of events, last 30 days vs the "
                + "30 before). Rules read the name as account.engagement_segment and segment_by: [engagement_segment].")
        return lines
    }
}
