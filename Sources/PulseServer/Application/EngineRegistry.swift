import Foundation
import Logging
import Metrics
import PulseCore
import PulseEngine
import PulseStore

/// One `AlertEngine` per tenant, created on first use with the configured rules (an engine keeps its tenant's data
/// in memory between ingests). `reload(rules:)` swaps the rule set; engines are then created afresh.
public actor EngineRegistry {
    public let store: ServerStore
    public private(set) var rules: [Rule]
    private var engines: [Tenant.ID: AlertEngine] = [:]
    private let logger: Logger

    public init(store: ServerStore, rules: [Rule], logger: Logger = Logger(label: "pulse.engines")) {
        self.store = store
        self.rules = rules
        self.logger = logger
    }

    /// The rules `configuration` names (built-in pack and/or a folder), loaded with `RuleLoader`; rule files with
    /// errors are left out and logged.
    public init(store: ServerStore, configuration: PulseConfiguration, logger: Logger = Logger(label: "pulse.engines"))
    {
        let set = RuleLoader.load(
            directory: configuration.rulesDirectory.map { URL(fileURLWithPath: $0) },
            includeBuiltIn: configuration.includeBuiltInRules)
        for error in set.errors { logger.warning("rule file problem", metadata: ["error": "\(error)"]) }
        self.init(store: store, rules: set.rules, logger: logger)
    }

    /// The tenant's engine, created on first use.
    public func engine(for tenant: Tenant.ID) -> AlertEngine {
        if let engine = engines[tenant] { return engine }
        // The alert book stamps new alerts with its configuration's tenant, which `AlertEngine.init` does not set
        // from its `tenant` argument: pass it explicitly, or every tenant's alerts would be the default tenant's.
        let engine = AlertEngine(
            store: store, rules: rules, tenant: tenant, configuration: AlertBookConfiguration(tenant: tenant),
            logger: Logger(label: "pulse.engine.\(tenant.rawValue)"))
        engines[tenant] = engine
        return engine
    }

    /// Replaces the rule set; every tenant's engine is rebuilt on its next use.
    public func reload(rules: [Rule]) {
        self.rules = rules
        engines = [:]
        logger.info("rules reloaded", metadata: ["rules": "\(rules.count)"])
    }

    /// Ingests a validated batch through the tenant's engine (alerts follow) and records the evaluation's latency.
    public func ingest(_ batch: IngestBatch, tenant: Tenant.ID, at now: Date) async throws
        -> (ApplySummary, EvaluationOutcome)
    {
        let result = try await engine(for: tenant).ingest(batch, at: now)
        Self.recordEvaluation(result.1, kind: "incremental")
        return result
    }

    /// A full evaluation of the tenant at `now`, with its latency recorded.
    @discardableResult
    public func evaluate(tenant: Tenant.ID, at now: Date) async throws -> EvaluationOutcome {
        let outcome = try await engine(for: tenant).evaluate(at: now)
        Self.recordEvaluation(outcome, kind: "full")
        return outcome
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func recordEvaluation(_ outcome: EvaluationOutcome, kind: String) {
        Metrics.Timer(label: "pulse_evaluation_duration_seconds", dimensions: [("kind", kind)])
            .recordNanoseconds(Self.nanoseconds(outcome.duration))
    }
}
