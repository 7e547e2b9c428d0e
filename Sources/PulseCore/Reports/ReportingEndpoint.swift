/// The reporting endpoints under `/api/reporting/{name}` (crm-reporting-spec.md §5 plus Pulse's own).
public enum ReportingEndpoint: String, Hashable, Sendable, Codable, CaseIterable {
    case callVolume = "call-volume"
    case agreements
    case listsOut = "lists-out"
    case alerts
    case leaderboard
    case pipelineHealth = "pipeline-health"
    case conversion
    case revenueEfficiency = "revenue-efficiency"
    case customerHealth = "customer-health"

    /// Every name, comma-separated, for error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// What the endpoint needs loaded beyond the roster, deals, activities and accounts.
    public var needsAlerts: Bool { self == .alerts }
    /// Engagement and tickets (health scoring).
    public var needsCustomerSignals: Bool { self == .customerHealth }

    /// Computes the report.
    public func compute(_ data: ReportData, _ query: ReportQuery) -> any TabularReport {
        switch self {
        case .callVolume: CallVolumeReport(data: data, query: query)
        case .agreements: AgreementsReport(data: data, query: query)
        case .listsOut: ListsOutReport(data: data, query: query)
        case .alerts: ConsolidatedAlertsReport(data: data, query: query)
        case .leaderboard: LeaderboardReport(data: data, query: query)
        case .pipelineHealth: PipelineHealthReport(data: data, query: query)
        case .conversion: ConversionReport(data: data, query: query)
        case .revenueEfficiency: RevenueEfficiencyReport(data: data, query: query)
        case .customerHealth: CustomerHealthReport(data: data, query: query)
        }
    }
}
