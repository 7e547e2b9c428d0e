import Foundation

extension EvaluationData {
    /// The `anomaly` condition on one entity: builds its series ending at `now` and runs the check. With
    /// `record`, the facts are `<as>.value`, `.expected`, `.score`, `.change_percent` (and `.at`, `.detector` for
    /// values; `.p_value`, `.trials`, `.successes`, `.baseline_rate`, `.baseline_trials` for rates), and
    /// `<as>.problem` when a detector could not judge the series.
    func holdsAnomaly(
        _ a: CompiledCondition.Anomaly, _ e: EvaluationEntity, now: Date, record: Bool,
        facts: inout [String: FactValue]
    ) -> Bool {
        guard a.definition.scopes.contains(e.scope) else { return false }
        let result = anomalyCheck(a, e, now: now)
        if record { recordAnomaly(result, a, facts: &facts) }
        return result.holds
    }

    /// The check's result for one entity (also what `pulse anomalies` explains).
    func anomalyCheck(_ a: CompiledCondition.Anomaly, _ e: EvaluationEntity, now: Date) -> AnomalyCheckResult {
        a.check.evaluate(series(a.definition, e, points: a.points, now: now, bucket: a.definition.conditionBucket))
    }

    private func recordAnomaly(
        _ result: AnomalyCheckResult, _ a: CompiledCondition.Anomaly, facts: inout [String: FactValue]
    ) {
        let p = a.alias + "."
        let definition = a.definition
        if let problem = result.problems.first { facts[p + "problem"] = .text(problem.description) }
        if let rate = result.rate {
            facts[p + "value"] = .number(rate.recentRate, .fraction)
            facts[p + "expected"] = .number(rate.baselineRate, .fraction)
            facts[p + "baseline_rate"] = .number(rate.baselineRate, .fraction)
            facts[p + "score"] = .number(rate.z, .score)
            facts[p + "p_value"] = .text(rate.pValue < 0.001 ? "< 0.001" : String(format: "%.3f", rate.pValue))
            facts[p + "trials"] = .number(Double(rate.recentTrials), .count)
            facts[p + "baseline_trials"] = .number(Double(rate.baselineTrials), .count)
            if let change = rate.relativeChange { facts[p + "change_percent"] = .number(change * 100, .percentChange) }
        } else if let d = result.detection {
            facts[p + "value"] = definition.fact(d.value)
            facts[p + "expected"] = definition.fact(d.expected)
            facts[p + "score"] = .number(d.score, .score)
            facts[p + "at"] = .date(d.at)
            facts[p + "detector"] = .text(d.detector)
            if let change = d.changePercent { facts[p + "change_percent"] = .number(change, .percentChange) }
        } else if let latest = result.latest {
            facts[p + "value"] = definition.fact(latest)
        }
        if let successes = result.recentSuccesses { facts[p + "successes"] = .number(Double(successes), .count) }
    }
}
