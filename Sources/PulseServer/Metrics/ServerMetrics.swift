import CoreMetrics
import Foundation
import Metrics
import Prometheus
import PulseCore
import PulseStore

/// The process's Prometheus registry behind swift-metrics: bootstrapped once (the first time it is used), so every
/// `Counter`, `Gauge` and `Timer` in Pulse (the server's, the delivery channels') is exported at `/metrics`.
public enum ServerMetrics {
    /// The registry `/metrics` renders. Using it bootstraps `MetricsSystem` with a Prometheus factory (once).
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
            .seconds(10), .seconds(30),
        ]
        factory.defaultDurationHistogramBuckets = buckets
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Makes sure the registry is bootstrapped before anything records a metric.
    public static func bootstrap() { _ = registry }

    /// Refreshes the alert gauges (`pulse_alerts{tenant,severity,state}`: active alerts per severity and state),
    /// then renders every metric in the Prometheus text format.
    public static func scrape(store: ServerStore) async throws -> String {
        bootstrap()
        for tenant in try await store.tenants() {
            let active = try await store.alerts(AlertFilter(tenant: tenant.id, limit: Int.max))
            var counts: [Severity: [AlertState: Int]] = [:]
            for alert in active { counts[alert.severity, default: [:]][alert.state, default: 0] += 1 }
            for severity in Severity.allCases {
                for state in AlertState.allCases where state != .resolved {
                    CoreMetrics.Gauge(
                        label: "pulse_alerts",
                        dimensions: [
                            ("tenant", tenant.id.rawValue), ("severity", severity.rawValue), ("state", state.rawValue),
                        ]
                    ).record(counts[severity]?[state] ?? 0)
                }
            }
        }
        return registry.emitToString()
    }

    /// Counts the outcome of event lines posted to `POST /api/events`.
    static func countEvents(accepted: Int, duplicates: Int, quarantined: Int, rejected: Int) {
        for (result, count) in [
            ("accepted", accepted), ("duplicate", duplicates), ("quarantined", quarantined), ("rejected", rejected),
        ] where count > 0 {
            CoreMetrics.Counter(label: "pulse_events_total", dimensions: [("result", result)]).increment(by: count)
        }
        if accepted > 0 { CoreMetrics.Counter(label: "pulse_events_ingested_total").increment(by: accepted) }
        if quarantined > 0 { CoreMetrics.Counter(label: "pulse_events_quarantined_total").increment(by: quarantined) }
    }
}
