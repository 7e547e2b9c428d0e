import Foundation

/// The churn model's inputs for one account as of a moment: engagement trends, support load, tenure, contract
/// and billing, computed only from records before that moment (NaN where unknown).
public enum ChurnFeatures {
    /// The feature schema, in row order; a stored churn model must have exactly these names.
    public static let descriptors: [FeatureDescriptor] = [
        FeatureDescriptor("engagement_change_30d", .change(noun: "engagement", window: "30 days")),
        FeatureDescriptor("logins_change_30d", .change(noun: "logins", window: "30 days")),
        FeatureDescriptor("engagement_30d", .quantity(template: "{value} product uses in the last 30 days")),
        FeatureDescriptor("active_seat_percent_30d", .quantity(template: "{value}% of seats active in 30 days")),
        FeatureDescriptor("features_used_30d", .quantity(template: "{value} distinct features used in 30 days")),
        FeatureDescriptor("days_since_engagement", .quantity(template: "{value} days since the last product use")),
        FeatureDescriptor("tickets_90d", .quantity(template: "{value} support tickets in 90 days")),
        FeatureDescriptor("open_tickets", .quantity(template: "{value} open support tickets")),
        FeatureDescriptor(
            "urgent_ticket_percent_90d", .quantity(template: "{value}% of recent tickets escalated or high priority")),
        FeatureDescriptor(
            "first_response_hours_90d", .quantity(template: "first support response after {value} h on average")),
        FeatureDescriptor("satisfaction_90d", .quantity(template: "support satisfaction {value} of 5")),
        FeatureDescriptor("tenure_months", .quantity(template: "customer for {value} months")),
        FeatureDescriptor("billing_monthly", .flag(set: "monthly billing", unset: "annual billing")),
        FeatureDescriptor("auto_renew_off", .flag(set: "auto-renew switched off", unset: "auto-renew on")),
        FeatureDescriptor("trial", .flag(set: "on a trial", unset: "paying customer")),
        FeatureDescriptor("plan=Basic", .flag(set: "Basic plan", unset: "not on the Basic plan")),
        FeatureDescriptor("plan=Pro", .flag(set: "Pro plan", unset: "not on the Pro plan")),
        FeatureDescriptor("plan=Enterprise", .flag(set: "Enterprise plan", unset: "not on the Enterprise plan")),
        FeatureDescriptor("mrr_usd", .quantity(template: "MRR of ${value}")),
        FeatureDescriptor("seats", .quantity(template: "{value} seats")),
        FeatureDescriptor("days_to_renewal", .quantity(template: "renewal in {value} days")),
        FeatureDescriptor("downgraded", .flag(set: "plan downgraded", unset: "no downgrade")),
        FeatureDescriptor("upgraded", .flag(set: "plan upgraded", unset: "no upgrade")),
    ]

    /// The feature names, in row order.
    public static let names: [String] = descriptors.map(\.name)

    /// The account's row as of `at`, from records strictly before `at` (subscriptions started at or before it).
    public static func row(_ account: Account, in data: EvaluationData, at: Date) -> [Double] {
        row(account, in: data, at: at, subscriptions: data.subscriptions(of: account.id))
    }

    /// `row(_:in:at:)` with the account's subscriptions already picked out (the training-set builder indexes
    /// them once).
    static func row(_ account: Account, in data: EvaluationData, at: Date, subscriptions: [Subscription]) -> [Double] {
        var out = [Double](repeating: .nan, count: descriptors.count)
        let t = TimeWindow.seconds(at)
        let day = Days.seconds
        engagementFeatures(account, data, t: t, day: day, into: &out)
        supportFeatures(account, data, at: at, t: t, day: day, into: &out)
        contractFeatures(account, at: at, subscriptions: subscriptions, into: &out)
        return out
    }

    private static func engagementFeatures(
        _ account: Account, _ data: EvaluationData, t: Int64, day: Int64, into out: inout [Double]
    ) {
        let list = data.engagementByAccount[account.id] ?? []
        let end = list.partitionPoint { data.engagementTime[Int($0)] < t }
        guard end > 0 else { return }  // never used the product (or not tracked): engagement unknown
        var last = 0.0, previous = 0.0, loginsLast = 0.0, loginsPrevious = 0.0
        var anyLogin = false
        var users = Set<Contact.ID>()
        var features = Set<String>()
        var i = end - 1
        while i >= 0 {
            let row = Int(list[i])
            let time = data.engagementTime[row]
            let e = data.engagement[row]
            if e.kind == .portalLogin { anyLogin = true }
            if time >= t - 60 * day {
                let n = Double(max(0, e.count))
                let recent = time >= t - 30 * day
                if recent {
                    last += n
                    if let c = e.contact { users.insert(c) }
                    if let f = e.feature, e.kind == .featureUsed { features.insert(f) }
                } else {
                    previous += n
                }
                if e.kind == .portalLogin {
                    if recent { loginsLast += n } else { loginsPrevious += n }
                }
            } else if anyLogin {
                break
            }
            i -= 1
        }
        out[0] = change(last, previous)
        out[1] = anyLogin ? change(loginsLast, loginsPrevious) : .nan
        out[2] = last
        if let seats = account.seats, seats > 0, !users.isEmpty || last == 0 {
            out[3] = (Double(users.count) / Double(seats) * 100).rounded()
        }
        out[4] = Double(features.count)
        let latest = data.engagementTime[Int(list[end - 1])]
        out[5] = Double(Days.floorDiv(t - latest, day))
    }

    /// (last − previous) ÷ previous, capped at +300 %; +100 % when there was nothing before and something now.
    static func change(_ last: Double, _ previous: Double) -> Double {
        if previous > 0 { return min(3, (last - previous) / previous) }
        return last > 0 ? 1 : 0
    }

    private static func supportFeatures(
        _ account: Account, _ data: EvaluationData, at: Date, t: Int64, day: Int64, into out: inout [Double]
    ) {
        let list = data.ticketsByAccount[account.id] ?? []
        var recent = 0, urgent = 0, open = 0
        var responseMinutes: [Double] = []
        var satisfaction: [Double] = []
        for row in list {
            let ticket = data.tickets[Int(row)]
            let opened = TimeWindow.seconds(ticket.openedAt)
            guard opened < t else { break }  // opened order
            if ticket.closedAt.map({ $0 >= at }) ?? true { open += 1 }
            guard opened >= t - 90 * day else { continue }
            recent += 1
            if ticket.escalated || ticket.priority == .high || ticket.priority == .urgent { urgent += 1 }
            if let m = ticket.firstResponseMinutes { responseMinutes.append(Double(m)) }
            if let s = ticket.satisfaction, ticket.closedAt.map({ $0 < at }) ?? false { satisfaction.append(Double(s)) }
        }
        out[6] = Double(recent)
        out[7] = Double(open)
        if recent > 0 { out[8] = (Double(urgent) / Double(recent) * 100).rounded() }
        if !responseMinutes.isEmpty { out[9] = responseMinutes.reduce(0, +) / Double(responseMinutes.count) / 60 }
        if !satisfaction.isEmpty { out[10] = satisfaction.reduce(0, +) / Double(satisfaction.count) }
    }

    private static func contractFeatures(
        _ account: Account, at: Date, subscriptions: [Subscription], into out: inout [Double]
    ) {
        let started = subscriptions.filter { $0.startDate <= at }
        let first = ([account.createdAt].compactMap { $0 } + started.map(\.startDate)).min()
        if let first, first <= at { out[11] = (Double(Days.between(first, at)) / 30.44 * 10).rounded() / 10 }
        // Only what was known at `at`: a subscription still running then (its end, if any, is later).
        let active = started.filter { $0.endDate.map { $0 > at } ?? true }
        let current = (active.isEmpty ? started : active).max { ($0.startDate, $0.id) < ($1.startDate, $1.id) }
        if let current {
            if let billing = current.billingFrequency?.lowercased() {
                out[12] = billing.hasPrefix("month") ? 1 : 0
            }
            out[13] = current.autoRenew ? 0 : 1
            out[14] = current.isTrial ? 1 : 0
            out[21] = current.downgraded ? 1 : 0
            out[22] = current.upgraded ? 1 : 0
        }
        if let plan = (current?.plan ?? account.plan)?.lowercased() {
            out[15] = plan == "basic" ? 1 : 0
            out[16] = plan == "pro" ? 1 : 0
            out[17] = plan == "enterprise" ? 1 : 0
        }
        let running = active.isEmpty ? [current].compactMap { $0 } : active
        let mrr = running.compactMap { $0.mrrCents ?? $0.arrCents.map { $0 / 12 } }
        if !mrr.isEmpty {
            out[18] = Double(mrr.reduce(0, +)) / 100
        } else if let arr = account.arrCents {
            out[18] = Double(arr) / 1200
        }
        let seats = running.compactMap(\.seats)
        if !seats.isEmpty {
            out[19] = Double(seats.reduce(0, +))
        } else if let s = account.seats {
            out[19] = Double(s)
        }
        if let renewal = account.renewalDate, renewal >= at { out[20] = Double(Days.between(at, renewal)) }
    }
}
