import Foundation
import Hummingbird
import PulseCore
import PulseDelivery
import PulseStore

/// The reporting endpoints, `GET /api/reporting/{name}` (crm-reporting-spec.md §5): JSON by default, CSV with
/// `?format=csv` or `Accept: text/csv`; filters `from`, `to`, `rep` (repeatable) and `category`; the caller's
/// visible reps limit every report. Reading the `alerts` report is audited as an alert view.
public struct ReportingController: Sendable {
    /// The tenant used when a request has no principal (only reachable when auth is not installed, as in tests).
    public var defaultTenant: Tenant.ID
    /// The clock: `to` defaults to now, `from` to 30 days before `to`.
    public var now: @Sendable () -> Date

    public init(defaultTenant: Tenant.ID = Tenant.defaultID, now: @escaping @Sendable () -> Date = { Date() }) {
        self.defaultTenant = defaultTenant
        self.now = now
    }

    /// Adds `GET /api/reporting/{name}`, recorded in `table`.
    public func addRoutes(to group: RouterGroup<AppRequestContext>, store: ServerStore, table: RouteTable) {
        group.on(.get, "/api/reporting/{name}", table: table, query: ["from", "to", "rep", "category", "format"]) {
            request, context in
            try await self.respond(request, context: context, store: store)
        }
    }

    func respond(_ request: Request, context: AppRequestContext, store: ServerStore) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let endpoint = ReportingEndpoint(rawValue: name) else {
            throw APIError(
                .notFound, code: "unknown_report",
                message: "Unknown report '\(name)'; use one of \(ReportingEndpoint.names).", field: "name")
        }
        let params = try ReportingParameters(request: request, now: now())
        let query = params.query.restricted(to: context.principal?.visibleReps)
        let tenant = context.principal?.tenant ?? defaultTenant
        let data = try await ReportDataLoader(store: store).load(
            tenant: tenant, from: query.from, to: query.to,
            needs: .init(alerts: endpoint.needsAlerts, customerSignals: endpoint.needsCustomerSignals))
        let report = endpoint.compute(data, query)
        if let principal = context.principal, let alerts = report as? ConsolidatedAlertsReport {
            // The consolidated list is an alert view: it goes to the audit log like any other.
            let numbers = alerts.all.map { "#\($0.number)" }.joined(separator: ", ")
            try await store.appendAudit([
                AuditLogEntry(
                    tenant: tenant, at: now(), actor: principal.user.id.rawValue, action: "alert.view",
                    target: "report:alerts", detail: "\(alerts.total) alerts in the consolidated report: \(numbers)")
            ])
        }
        if params.csv {
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] =
                "attachment; filename=\"\(endpoint.rawValue)_\(ReportFormat.day(query.from))_\(ReportFormat.day(query.to)).csv\""
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: report.table.csv)))
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(ReportingEnvelope(report: endpoint.rawValue, query: query, result: report))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON body of a reporting response: which report, the filters applied (after RBAC) and the result.
struct ReportingEnvelope: Encodable {
    var report: String
    var query: ReportQuery
    var result: any TabularReport

    enum CodingKeys: String, CodingKey { case report, filters, result }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(report, forKey: .report)
        try c.encode(ReportingFilters(query), forKey: .filters)
        try c.encode(result, forKey: .result)
    }
}

/// The filters as the response echoes them.
struct ReportingFilters: Encodable {
    var from: Date
    var to: Date
    var reps: [String]?
    var category: String?

    init(_ q: ReportQuery) {
        from = q.from
        to = q.to
        reps = q.reps.map { $0.map(\.rawValue).sorted() }
        category = q.category
    }
}
