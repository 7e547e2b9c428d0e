import Foundation

extension EvaluationData {
    /// Whether a compiled condition holds for the entity at `now`. With `record`, every value the condition
    /// reads goes into `facts` under its template name (see COMMON "Template variables").
    func holds(
        _ c: CompiledCondition, _ e: EvaluationEntity, now: Date, record: Bool, facts: inout [String: FactValue]
    ) -> Bool {
        switch c {
        case .all(let children):
            for child in children where !holds(child, e, now: now, record: record, facts: &facts) { return false }
            return true
        case .any(let children):
            for child in children where holds(child, e, now: now, record: record, facts: &facts) { return true }
            return false
        case .not(let child): return !holds(child, e, now: now, record: record, facts: &facts)
        case .never: return false
        case .compare(let compare): return holdsCompare(compare, e, now: now, record: record, facts: &facts)
        case .attribute(let key, let values):
            guard key.entry.scopes.contains(e.scope) else { return false }
            guard let text = attribute(key, e, now: now) else { return values.contains("") }
            if record { facts[key.rawValue] = .text(text) }
            return values.contains(text.lowercased())
        case .text(let t): return holdsText(t, e, now: now, record: record, facts: &facts)
        case .aggregate(let a):
            guard a.entry.scopes.contains(e.scope),
                let v = measure(
                    a.measure, kinds: a.kinds, window: TimeWindow(a.window.interval(now: now)), entity: e, now: now),
                let (rhs, fact) = threshold(a.threshold, e, now: now, unit: a.entry.unit, money: a.entry.isMoney)
            else { return false }
            if record {
                facts[a.alias] = Self.fact(v, entry: a.entry)
                facts[a.alias + ".threshold"] = fact
            }
            return a.op.holds(a.entry.isMoney ? v / 100 : v, rhs)
        case .change(let change): return holdsChange(change, e, now: now, record: record, facts: &facts)
        case .noActivity(let days, let kinds):
            guard let since = daysSinceActivity(e, now: now, kinds: kinds) else { return false }
            if record { facts["no_activity.days"] = .number(Double(since), .days) }
            return since >= days
        case .date(let key, let direction):
            guard key.entry.scopes.contains(e.scope), let d = date(key, e) else { return false }
            if record {
                facts[key.rawValue] = .date(d)
                if d >= now {
                    facts[key.rawValue + ".days_until"] = .number(Double(Days.between(now, d)), .days)
                } else {
                    facts[key.rawValue + ".days_overdue"] = .number(Double(Days.between(d, now)), .days)
                }
            }
            switch direction {
            case .within(let horizon): return d >= now && d.timeIntervalSince(now) <= horizon.timeInterval
            case .overdue(let by): return d < now && now.timeIntervalSince(d) >= (by?.timeInterval ?? 0)
            }
        case .distinctContacts(let d): return holdsDistinct(d, e, now: now, record: record, facts: &facts)
        case .count(let count): return holdsCount(count, e, now: now, record: record, facts: &facts)
        case .anomaly(let a): return holdsAnomaly(a, e, now: now, record: record, facts: &facts)
        }
    }

    /// A FactValue for a measure value (money in cents).
    static func fact(_ v: Double, entry: MetricCatalogue.Entry) -> FactValue {
        entry.isMoney ? .money(Int64(v.rounded())) : .number(v, entry.unit ?? .count)
    }

    /// A comparable number: money in whole currency units, dates as seconds; nil for text.
    static func comparable(_ v: FactValue) -> Double? {
        if case .money(let cents) = v { return Double(cents) / 100 }
        return v.number
    }

    /// The right-hand side in comparison units, and its fact.
    func threshold(
        _ t: CompiledThreshold, _ e: EvaluationEntity, now: Date, unit: FactUnit?, money: Bool
    ) -> (Double, FactValue)? {
        switch t {
        case .number(let v): return (v, money ? .money(Int64((v * 100).rounded())) : .number(v, unit ?? .score))
        case .metric(let key):
            guard key.entry.scopes.contains(e.scope), let v = value(key, e, now: now),
                let n = Self.comparable(v)
            else { return nil }
            return (n, v)
        case .target(let key, let factor):
            guard let v = target(key, e, now: now) else { return nil }
            return (v * factor, .number(v * factor, unit ?? .count))
        }
    }

    private func holdsCompare(
        _ c: CompiledCondition.Compare, _ e: EvaluationEntity, now: Date, record: Bool,
        facts: inout [String: FactValue]
    ) -> Bool {
        guard c.key.entry.scopes.contains(e.scope), let v = value(c.key, e, now: now),
            let lhs = Self.comparable(v),
            let (rhs, fact) = threshold(c.threshold, e, now: now, unit: c.key.entry.unit, money: c.key.entry.isMoney)
        else { return false }
        if record {
            facts[c.alias] = v
            facts[c.alias + ".threshold"] = fact
            if case .metric(let other) = c.threshold { facts[other.rawValue] = fact }
        }
        return c.op.holds(lhs, rhs)
    }

    private func holdsText(
        _ t: CompiledCondition.Text, _ e: EvaluationEntity, now: Date, record: Bool, facts: inout [String: FactValue]
    ) -> Bool {
        var count = 0
        var latest: (row: Int32, time: Int64, phrase: String, offset: Int)?
        forEachActivity(e, in: TimeWindow(t.window.interval(now: now))) { row in
            let a = activities[Int(row)]
            guard t.kinds.isEmpty || t.kinds.contains(a.kind) else { return }
            guard a.subject != nil || a.body != nil else { return }
            let text = PhraseMatcher.fold(Self.searchText(a))
            guard let hit = t.matcher.firstMatch(in: text) else { return }
            if !t.excluding.phrases.isEmpty, t.excluding.firstMatch(in: text) != nil { return }
            count += 1
            let time = activityTime[Int(row)]
            if latest.map({ (time, row) > ($0.time, $0.row) }) ?? true {
                latest = (row, time, hit.phrase, hit.offset)
            }
        }
        if record {
            facts[t.alias + ".count"] = .number(Double(count), .count)
            if let latest {
                let a = activities[Int(latest.row)]
                facts[t.alias + ".phrase"] = .text(latest.phrase)
                facts[t.alias + ".at"] = .date(a.occurredAt)
                facts[t.alias + ".excerpt"] = .text(
                    PhraseMatcher.excerpt(Self.searchText(a), aroundByte: latest.offset))
            }
        }
        return count >= t.minimum
    }

    /// Subject and body, the text phrase rules search.
    static func searchText(_ a: Activity) -> String {
        switch (a.subject, a.body) {
        case (let s?, let b?): s + "\n" + b
        case (let s?, nil): s
        case (nil, let b?): b
        case (nil, nil): ""
        }
    }

    private func holdsChange(
        _ c: CompiledCondition.Change, _ e: EvaluationEntity, now: Date, record: Bool,
        facts: inout [String: FactValue]
    ) -> Bool {
        guard c.entry.scopes.contains(e.scope),
            let result = change(c, e, now: now)
        else { return false }
        if record {
            facts[c.alias + ".current"] = Self.fact(result.current, entry: c.entry)
            facts[c.alias + ".baseline"] = Self.fact(result.baseline, entry: c.entry)
            facts[c.alias + ".change"] = result.fact
            facts[c.alias + ".threshold"] = Self.changeFact(c.spec.value, mode: c.spec.mode, entry: c.entry)
        }
        guard result.current >= c.spec.minimumCurrent * (c.entry.isMoney ? 100 : 1),
            result.baseline >= c.spec.minimumBaseline * (c.entry.isMoney ? 100 : 1)
        else { return false }
        return c.spec.op.holds(result.compared, c.spec.value)
    }

    /// Current and baseline values (baseline scaled, or the bucket mean for z-scores), the change in
    /// comparison units and as a fact; nil when undefined (no value, zero baseline, zero deviation).
    func change(_ c: CompiledCondition.Change, _ e: EvaluationEntity, now: Date)
        -> (current: Double, baseline: Double, compared: Double, fact: FactValue)?
    {
        let spec = c.spec
        let current = spec.window.interval(now: now)
        let baseline: DateInterval
        switch spec.baseline {
        case nil: baseline = spec.window.previousInterval(now: now)
        case .last(let d)?:
            baseline = DateInterval(start: current.start.addingTimeInterval(-d.timeInterval), end: current.start)
        case let other?: baseline = other.interval(now: now)
        }
        func value(_ interval: DateInterval) -> Double? {
            measure(c.measure, kinds: c.kinds, window: TimeWindow(interval), entity: e, now: now)
        }
        guard let now_ = value(current) else { return nil }
        let money = c.entry.isMoney ? 100.0 : 1.0
        if spec.mode == .zscore {
            let length = current.duration
            guard length > 0 else { return nil }
            let k = Int((baseline.duration / length).rounded(.down))
            guard k >= 2 else { return nil }
            var values: [Double] = []
            for i in 0..<k {
                let end = baseline.end.addingTimeInterval(-Double(i) * length)
                guard let v = value(DateInterval(start: end.addingTimeInterval(-length), end: end)) else { return nil }
                values.append(v)
            }
            let mean = values.reduce(0, +) / Double(k)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k)
            guard variance > 0 else { return nil }
            let z = (now_ - mean) / variance.squareRoot()
            return (now_, mean, z, .number(z, .score))
        }
        guard var base = value(baseline) else { return nil }
        if c.entry.additive, baseline.duration > 0, baseline.duration != current.duration {
            base *= current.duration / baseline.duration
        }
        switch spec.mode {
        case .percent:
            guard base != 0 else { return nil }
            let p = (now_ - base) / base * 100
            return (now_, base, p, .number(p, .percentChange))
        case .absolute:
            let d = now_ - base
            return (now_, base, d / money, Self.fact(d, entry: c.entry))
        case .ratio:
            guard base != 0 else { return nil }
            return (now_, base, now_ / base, .number(now_ / base, .ratio))
        case .zscore: return nil
        }
    }

    static func changeFact(_ v: Double, mode: ChangeMode, entry: MetricCatalogue.Entry) -> FactValue {
        switch mode {
        case .percent: .number(v, .percentChange)
        case .ratio: .number(v, .ratio)
        case .zscore: .number(v, .score)
        case .absolute:
            entry.isMoney
                ? .money(Int64((v * 100).rounded()))
                : .number(v, entry.unit == .fraction ? .points : entry.unit ?? .count)
        }
    }

    /// Whole days since the entity's latest activity of `kinds` (from creation for deals and accounts without
    /// one); nil when neither is known.
    func daysSinceActivity(_ e: EvaluationEntity, now: Date, kinds: Set<ActivityKind>) -> Int? {
        var since = latestActivity(e, before: now, kinds: kinds)
        if since == nil {
            switch e.scope {
            case .deal: since = deals[Int(e.deal!)].createdAt
            case .account: since = accounts[Int(e.account!)].createdAt
            default: break
            }
        }
        return since.map { Days.between($0, now) }
    }

    private func holdsDistinct(
        _ d: CompiledCondition.Distinct, _ e: EvaluationEntity, now: Date, record: Bool,
        facts: inout [String: FactValue]
    ) -> Bool {
        let window = TimeWindow(d.spec.window.interval(now: now))
        var people = Set<ContactKey>()
        func collect(_ into: inout Set<ContactKey>, _ w: TimeWindow, _ kinds: Set<ActivityKind>) {
            forEachActivity(e, in: w) { row in
                let a = activities[Int(row)]
                guard kinds.isEmpty || kinds.contains(a.kind) else { return }
                if let c = a.contact { into.insert(contactKey(c.rawValue)) }
                for p in a.participants where !p.isEmpty { into.insert(contactKey(p)) }
            }
        }
        collect(&people, window, d.kinds)
        if d.spec.newOnly, !people.isEmpty {
            var before = Set<ContactKey>()
            collect(&before, TimeWindow(startSeconds: TimeWindow.allTime.start, endSeconds: window.start), [])
            people.subtract(before)
        }
        if !d.roles.isEmpty {
            people = people.filter { key in
                guard case .contact(let row) = key else { return false }
                return d.roles.contains(contacts[Int(row)].role)
            }
        }
        if record {
            facts[d.alias + ".count"] = .number(Double(people.count), .count)
            let names = people.map { key -> String in
                switch key {
                case .contact(let row): contacts[Int(row)].name
                case .unknown(let text): text
                }
            }.sorted()
            if !names.isEmpty { facts[d.alias + ".names"] = .text(Self.list(names)) }
        }
        return d.spec.op.holds(Double(people.count), d.spec.value)
    }

    /// "a, b, c, d, e and 3 more".
    static func list(_ names: [String], limit: Int = 5) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }

    private func holdsCount(
        _ c: CompiledCondition.Count, _ e: EvaluationEntity, now: Date, record: Bool,
        facts: inout [String: FactValue]
    ) -> Bool {
        var matched: [EvaluationEntity] = []
        var scratch: [String: FactValue] = [:]
        for child in children(of: e, scope: c.of)
        where holds(c.condition, child, now: now, record: false, facts: &scratch) {
            matched.append(child)
        }
        if record {
            facts[c.alias + ".count"] = .number(Double(matched.count), .count)
            let examples = matched.sorted { $0.ref < $1.ref }.prefix(5).map { entityName($0) }
            if !examples.isEmpty { facts[c.alias + ".examples"] = .text(examples.joined(separator: ", ")) }
            if c.of == .deal {
                let cents = matched.reduce(Int64(0)) { $0 + (deals[Int($1.deal!)].amountCents ?? 0) }
                facts[c.alias + ".amount"] = .money(cents)
            }
        }
        return c.op.holds(Double(matched.count), c.value)
    }

    /// Child entities of a scope entity (`RuleScope.children`): a tenant's deals, accounts and reps, a team's
    /// reps and their deals and accounts, a rep's deals and accounts, a segment's or an account's deals.
    func children(of e: EvaluationEntity, scope: RuleScope) -> [EvaluationEntity] {
        guard e.scope.children.contains(scope) else { return [] }
        switch scope {
        case .deal:
            return dealRows(e).map { row in
                let d = deals[Int(row)]
                let rep = d.owner.flatMap { repRow[$0] }
                return EvaluationEntity(
                    ref: EntityRef(.deal, d.id.rawValue), deal: row, account: d.account.flatMap { accountRow[$0] },
                    rep: rep, team: rep.flatMap { reps[Int($0)].team })
            }
        case .account:
            let owners: Set<Rep.ID>? =
                switch e.scope {
                case .rep: [reps[Int(e.rep!)].id]
                case .team: Set((repsByTeam[e.ref.id] ?? []).map { reps[Int($0)].id })
                default: nil
                }
            return accounts.indices.compactMap { i in
                let a = accounts[i]
                if let owners, !(a.owner.map(owners.contains) ?? false) { return nil }
                let rep = a.owner.flatMap { repRow[$0] }
                return EvaluationEntity(
                    ref: EntityRef(.account, a.id.rawValue), account: Int32(i), rep: rep,
                    team: rep.flatMap { reps[Int($0)].team })
            }
        case .rep:
            let rows = e.scope == .team ? (repsByTeam[e.ref.id] ?? []) : (0..<Int32(reps.count)).map { $0 }
            return rows.map {
                EvaluationEntity(ref: EntityRef(.rep, reps[Int($0)].id.rawValue), rep: $0, team: reps[Int($0)].team)
            }
        default: return []
        }
    }

    /// Display name of an entity: deal name (else id), account or rep name, team name, segment key, tenant name.
    func entityName(_ e: EvaluationEntity) -> String {
        switch e.scope {
        case .deal: deals[Int(e.deal!)].name ?? e.ref.id
        case .account: accounts[Int(e.account!)].name
        case .rep: reps[Int(e.rep!)].name
        case .team, .segment: e.ref.id
        case .tenant: tenant.name
        }
    }
}
