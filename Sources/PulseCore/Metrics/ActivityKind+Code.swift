import Foundation

extension ActivityKind {
    /// Small integer code used in `MetricsFrame.activityKind` (position in `allCases`).
    public var code: UInt8 {
        switch self {
        case .callBooked: 0
        case .callConducted: 1
        case .meeting: 2
        case .demo: 3
        case .emailIn: 4
        case .emailOut: 5
        case .note: 6
        }
    }
}
