import Foundation

/// Traffic light of a KPI against its target: on track (green), at risk (amber), behind (red).
public enum KpiStatus: String, Hashable, Sendable {
    /// value ≥ target
    case onTrack = "on_track"
    /// 80 % of target ≤ value < target
    case atRisk = "at_risk"
    /// value < 80 % of target
    case behind

    /// Status of `average` against `target` (a target ≤ 0 is always met).
    public init(average: Double, target: Double) {
        if target <= 0 || average >= target {
            self = .onTrack
        } else if average >= 0.8 * target {
            self = .atRisk
        } else {
            self = .behind
        }
    }
}
