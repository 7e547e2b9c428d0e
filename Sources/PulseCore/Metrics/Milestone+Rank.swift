import Foundation

extension Milestone {
    /// Funnel position: call_booked 0, call 1, proposal 2, agreement 3, list_out 4, sale 5.
    public var rank: Int {
        switch self {
        case .callBooked: 0
        case .call: 1
        case .proposal: 2
        case .agreement: 3
        case .listOut: 4
        case .sale: 5
        }
    }
}
