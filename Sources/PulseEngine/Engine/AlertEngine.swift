import Foundation
import Logging
import PulseCore
import PulseStore

/// Runs the alert engine against a store: reads the tenant's data once, evaluates rules (all of them on a
/// schedule, or only those touched by newly ingested events), passes the results through the alert book and
/// saves every change in one transaction. Shared by the CLI, the scheduler service and the server.
public actor AlertEngine {
    /// A store that holds both the data and the alert book.
    public typealias Store = any PulseStore & AlertStore

    public let store: Store
    public let tenant: Tenant.ID
    public let rules: [Rule]
    let evaluator: RuleEvaluator
    let book: AlertBook
    let logger: Logger
    var data: EvaluationData?
    var org = OrgChart(reps: [])
    var statisticsRefreshedAt: Date?
    /// How often population statistics (stage medians, DQS cells) are recomputed during incremental evaluation.
    public var statisticsInterval: TimeInterval = 3600

    public init(
        store: Store, rules: [Rule], tenant: Tenant.ID = Tenant.defaultID,
        configuration: AlertBookConfiguration = AlertBookConfiguration(),
        logger: Logger = Logger(label: "pulse.engine")
    ) {
        self.store = store
        self.rules = rules
        self.tenant = tenant
        self.evaluator = RuleEvaluator(rules: rules)
        var configuration = configuration
        configuration.tenant = tenant
        self.book = AlertBook(rules: rules, configuration: configuration)
        self.logger = logger
    }

    /// Re-reads the tenant's data from the store (after writes that bypassed `ingest`).
    public func reload(now: Date) async throws {
        data = try await StoreSnapshot.load(from: store, tenant: tenant, now: now, logger: logger)
        statisticsRefreshedAt = now
        org = OrgChart(reps: try await store.reps(tenant: tenant))
    }

    /// Evaluates every rule for every entity at `now`, then runs the time-based transitions (pending, snooze,
    /// SLA escalation, silences). Deterministic for a given store content and `now`.
    @discardableResult
    public func evaluate(at now: Date) async throws -> EvaluationOutcome {
        let started = ContinuousClock.now
        try await reload(now: now)
        let evaluations = evaluator.evaluate(data!, now: now)
        return try await settle(evaluations, now: now, tick: true, started: started)
    }

    /// Evaluates only the entities in `touched` (plus their roll-ups, which the caller includes) for the scopes
    /// given, without re-reading the store.
    @discardableResult
    public func evaluate(
        touched: Set<EntityRef>, scopes: Set<RuleScope> = [.deal, .account, .rep], at now: Date
    ) async throws -> EvaluationOutcome {
        let started = ContinuousClock.now
        if data == nil { try await reload(now: now) }
        let evaluations = evaluator.evaluate(data!, now: now, touched: touched, scopes: scopes)
        return try await settle(evaluations, now: now, tick: false, started: started)
    }

    /// Writes a validated batch to the store, folds it into the in-memory data and re-evaluates only the rules
    /// whose scope touches the changed entities (deal, account and rep rules; team, segment and tenant rules run
    /// in `evaluate(at:)`). Returns what the store wrote and what the alert book did.
    public func ingest(_ batch: IngestBatch, at now: Date) async throws -> (ApplySummary, EvaluationOutcome) {
        if data == nil { try await reload(now: now) }
        let summary = try await store.apply(batch)
        let touched = data!.apply(batch)
        if !batch.reps.isEmpty { org = OrgChart(reps: try await store.reps(tenant: tenant)) }
        if let refreshed = statisticsRefreshedAt, now.timeIntervalSince(refreshed) >= statisticsInterval {
            data!.refreshStatistics(now: now)
            statisticsRefreshedAt = now
        }
        let outcome = try await evaluate(touched: touched, at: now)
        return (summary, outcome)
    }

    /// After a bulk ingest that wrote straight to the store: re-reads the data, re-evaluates the deal, account and
    /// rep rules of the entities the run touched (with their roll-ups) and every team, segment and tenant rule,
    /// then runs the time-based step.
    @discardableResult
    public func evaluateAfterIngest(touched: Set<EntityRef>, at now: Date) async throws -> EvaluationOutcome {
        let started = ContinuousClock.now
        try await reload(now: now)
        let entities = data!.rollUp(touched)
        let evaluations =
            evaluator.evaluate(data!, now: now, touched: entities, scopes: [.deal, .account, .rep])
            + evaluator.evaluate(data!, now: now, scopes: [.team, .segment, .tenant])
        return try await settle(evaluations, now: now, tick: true, started: started)
    }

    /// Runs the evaluations through the alert book and saves the result.
    private func settle(_ evaluations: [RuleEvaluation], now: Date, tick: Bool, started: ContinuousClock.Instant)
        async throws -> EvaluationOutcome
    {
        // A full step reads every active alert; an incremental one only those on the entities it evaluated
        // (the alert book's `process` reads nothing else).
        let active =
            tick
            ? try await store.activeAlerts(tenant: tenant)
            : try await store.activeAlerts(tenant: tenant, entities: Set(evaluations.map(\.entity)))
        let silences = try await store.silences(tenant: tenant, includeExpired: false, now: now)
        let recent = try await store.notificationCounts(tenant: tenant, since: now.addingTimeInterval(-3600))
        var changes = book.process(
            evaluations, active: active, silences: silences, org: org, recentNotifications: recent, now: now)
        if tick {
            // Tick over the alerts as `process` left them, so one run's changes are not applied twice.
            var current = Dictionary(active.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
            for alert in changes.alerts { current[alert.id] = alert }
            let stillActive = current.values.filter(\.isActive).sorted { $0.id.rawValue < $1.id.rawValue }
            var counts = recent
            for note in changes.notifications where note.status != .digest { counts[note.recipient, default: 0] += 1 }
            changes.merge(
                book.tick(
                    active: stillActive, silences: silences, org: org, recentNotifications: counts, now: now))
        }
        if !tick { changes.alerts = Self.withoutRefreshOnly(changes.alerts, previous: active) }
        let saved = changes.isEmpty ? [] : try await store.save(changes)
        let outcome = EvaluationOutcome(
            now: now, evaluations: evaluations, changes: changes, saved: saved,
            duration: ContinuousClock.now - started)
        logger.debug(
            "evaluated",
            metadata: [
                "evaluations": "\(evaluations.count)", "firing": "\(outcome.firing)",
                "opened": "\(outcome.opened.count)", "resolved": "\(outcome.resolved.count)",
            ])
        return outcome
    }

    /// Drops alert versions that differ from the stored one only in `lastFiringAt` / `updatedAt` (the condition
    /// still holds with the same numbers), so an incremental step does not rewrite every still-firing alert it
    /// touched. Full evaluations save them, which keeps `lastFiringAt` at most one schedule interval old.
    static func withoutRefreshOnly(_ alerts: [Alert], previous: [Alert]) -> [Alert] {
        let before = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        return alerts.filter { alert in
            guard var old = before[alert.id] else { return true }
            old.lastFiringAt = alert.lastFiringAt
            old.updatedAt = alert.updatedAt
            old.facts["now"] = alert.facts["now"]
            return old != alert
        }
    }

    // MARK: - Actions

    /// Finds an alert by number (`17`, `#17`) or id.
    public func alert(_ reference: String) async throws -> Alert {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let number = Int64(digits), let alert = try await store.alert(number: number, tenant: tenant) {
            return alert
        }
        if let alert = try await store.alert(id: Alert.ID(trimmed)), alert.tenant == tenant { return alert }
        throw EngineError.alertNotFound(reference, tenant: tenant)
    }

    /// Acknowledges an alert as `by`.
    public func acknowledge(_ reference: String, by: String, at now: Date) async throws -> Alert {
        let alert = try await alert(reference)
        return try await apply(try book.acknowledge(alert, by: by, now: now), for: alert)
    }

    /// Snoozes an alert until a later time.
    public func snooze(_ reference: String, until: Date, by: String, at now: Date) async throws -> Alert {
        let alert = try await alert(reference)
        return try await apply(try book.snooze(alert, until: until, by: by, now: now), for: alert)
    }

    /// Resolves an alert by hand.
    public func resolve(_ reference: String, by: String, note: String?, at now: Date) async throws -> Alert {
        let alert = try await alert(reference)
        return try await apply(try book.resolve(alert, by: by, note: note, now: now), for: alert)
    }

    /// Assigns an alert to a rep.
    public func assign(_ reference: String, to rep: Rep.ID, by: String, at now: Date) async throws -> Alert {
        let alert = try await alert(reference)
        let org = OrgChart(reps: try await store.reps(tenant: tenant))
        return try await apply(try book.assign(alert, to: rep, by: by, org: org, now: now), for: alert)
    }

    /// Records helpful / noise feedback on an alert.
    public func feedback(
        _ reference: String, verdict: AlertFeedback.Verdict, by: String, note: String?, at now: Date
    ) async throws -> Alert {
        let alert = try await alert(reference)
        return try await apply(book.feedback(alert, verdict: verdict, by: by, note: note, now: now), for: alert)
    }

    private func apply(_ changes: AlertChangeSet, for alert: Alert) async throws -> Alert {
        let saved = try await store.save(changes)
        if let updated = saved.first(where: { $0.id == alert.id }) { return updated }
        return try await store.alert(id: alert.id) ?? alert
    }

    // MARK: - Silences

    /// Adds a silence and applies it to active alerts at once.
    public func addSilence(
        matchers: [LabelMatcher], from start: Date, until end: Date, by: String, reason: String, at now: Date
    ) async throws -> Silence {
        let existing = try await store.silences(tenant: tenant, includeExpired: true, now: now)
        let silence = Silence(
            id: SilenceID.next(after: existing.map(\.id)), tenant: tenant, matchers: matchers, startsAt: start,
            endsAt: end, createdBy: by, reason: reason, createdAt: now)
        try await store.save(AlertChangeSet(silences: [silence]))
        try await applySilences(at: now)
        return silence
    }

    /// Ends a silence now; alerts it held back notify if still firing.
    public func expireSilence(_ id: String, by: String, at now: Date) async throws -> Silence {
        let all = try await store.silences(tenant: tenant, includeExpired: true, now: now)
        guard var silence = all.first(where: { $0.id == id }) else { throw EngineError.silenceNotFound(id) }
        guard silence.endsAt > now else {
            throw EngineError(
                code: "silence_expired",
                message:
                    "Silence \(id) already ended at \(UTCCalendar.iso8601(Int64(silence.endsAt.timeIntervalSince1970)))."
            )
        }
        silence.endsAt = now
        try await store.save(AlertChangeSet(silences: [silence]))
        try await applySilences(at: now)
        return silence
    }

    /// Runs the alert book's time-based step so silence changes take effect on active alerts immediately.
    private func applySilences(at now: Date) async throws {
        let active = try await store.activeAlerts(tenant: tenant)
        let silences = try await store.silences(tenant: tenant, includeExpired: false, now: now)
        let recent = try await store.notificationCounts(tenant: tenant, since: now.addingTimeInterval(-3600))
        let org = OrgChart(reps: try await store.reps(tenant: tenant))
        let changes = book.tick(active: active, silences: silences, org: org, recentNotifications: recent, now: now)
        if !changes.isEmpty { try await store.save(changes) }
    }
}

/// Short, sequential silence ids: `s1`, `s2`, …
enum SilenceID {
    static func next(after existing: [String]) -> String {
        let highest = existing.compactMap { $0.hasPrefix("s") ? Int($0.dropFirst()) : nil }.max() ?? 0
        return "s\(highest + 1)"
    }
}
