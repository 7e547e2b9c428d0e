import Foundation

/// The demo data generator of crm-reporting-spec.md §8: a deterministic, realistic data set from a seed and `now`.
///
/// `events` is lazy: entities are generated one at a time from their own random stream, so memory stays bounded
/// even for `leads: 100_000`. The same parameters give the same events, in the same order, on every machine.
public struct DemoGenerator: Sendable {
    public let parameters: DemoParameters
    public let roster: DemoRoster
    let clock: DemoClock
    let leads: DemoLeadGenerator
    let opportunities: DemoOpportunityGenerator
    let accounts: DemoAccountGenerator

    public init(parameters: DemoParameters) {
        self.parameters = parameters
        roster = DemoRoster(parameters: parameters)
        clock = DemoClock(now: parameters.now)
        leads = DemoLeadGenerator(parameters: parameters, clock: clock, roster: roster)
        opportunities = DemoOpportunityGenerator(parameters: parameters, clock: clock, roster: roster)
        accounts = DemoAccountGenerator(parameters: parameters, clock: clock, roster: roster)
    }

    /// The tenant the demo data belongs to.
    public var tenant: Tenant { Tenant(id: parameters.tenant, name: "Pulse Demo Co", timeZone: "Europe/London") }

    /// Products sold in the B2B pipeline.
    public var products: [Product] {
        DemoOpportunityGenerator.products.map { product in
            var product = product
            product.tenant = parameters.tenant
            return product
        }
    }

    /// KPI targets of the demo team (plus a quarterly bookings target for the B2B team). Per 3 BDRs (the default team): the spec's 30 calls booked for the next week,
    /// 9 agreements and 8 lists out a month, scaled with the number of BDRs; per BDR the spec's 25 calls a week;
    /// a 45% win rate. (`KpiTarget.defaults` asks 20 agreements and 15 lists of a team, which no 3-BDR team
    /// with 150 leads in four months reaches: every KPI would be behind.)
    public var targets: [KpiTarget] {
        let teams = Double(parameters.bdrCount) / 3
        let perTeam: [String: Double] = [
            "upcoming_calls_next_week": 30, "agreements_per_month": 9, "lists_out_per_month": 8,
        ]
        let scaled = KpiTarget.defaults(tenant: parameters.tenant).map { target in
            var target = target
            if let value = perTeam[target.metric] { target.target = (value * teams).rounded() }
            return target
        }
        return scaled + [
            KpiTarget(
                id: "demo-bookings-quarter", tenant: parameters.tenant, metric: "bookings_per_quarter",
                period: .quarter, target: bookingsTarget)
        ]
    }

    /// The B2B team's quarterly bookings target in whole dollars: 15% above what the pipeline wins in a typical
    /// quarter (about 31% of the opportunities of 180 days are won, at $27,700 on average), rounded to $10,000.
    var bookingsTarget: Double {
        let typical = Double(parameters.opportunities) * 0.31 / 2 * 27_700
        return (typical * 1.15 / 10_000).rounded() * 10_000
    }

    /// Every generated event, lazily: reference data, then each lead, each opportunity and each account.
    public var events: DemoEventSequence { DemoEventSequence(generator: self) }

    /// Lead `index` (0-based): the main pipeline item first, then its partner sublist, plus their activities.
    public func lead(_ index: Int) -> (deals: [Deal], activities: [Activity]) {
        let bundle = leads.lead(index)
        return (bundle.deals, bundle.activities)
    }

    /// B2B opportunity `index` (0-based) with its buying committee and its activities.
    public func opportunity(_ index: Int) -> (deal: Deal, contacts: [Contact], activities: [Activity]) {
        let bundle = opportunities.opportunity(index)
        return (bundle.deal, bundle.contacts, bundle.activities)
    }

    /// Customer account `index` (0-based) with everything recorded about it.
    public func account(_ index: Int) -> DemoAccount { accounts.account(index) }

    /// The time an event about a record carries: the record's own time, never after `now`.
    func stamp(_ date: Date?) -> Date { min(date ?? parameters.now, parameters.now) }
}
