import Foundation
import PulseCore
import PulseStore
import Testing

/// The behaviour every `PulseStore` backend must show, run once per enabled `StoreKind`.
@Suite struct StoreConformanceTests {
    @Test(arguments: StoreKind.enabled)
    func everyEntityReadsBackEqualToWhatWasWritten(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let batch = Fixtures.fullBatch()
            _ = try await store.apply(batch)
            #expect(try await store.tenants() == [Fixtures.tenant])
            #expect(try await store.accounts(tenant: "acme") == [Fixtures.account])
            #expect(try await store.contacts(tenant: "acme") == [Fixtures.contact])
            #expect(try await store.reps(tenant: "acme") == [Fixtures.rep])
            #expect(try await store.products(tenant: "acme") == [Fixtures.product])
            #expect(try await store.deals(tenant: "acme") == [Fixtures.deal()])
            #expect(try await store.deal("deal-1", tenant: "acme") == Fixtures.deal())
            let window = (from: Fixtures.date(days: -1), to: Fixtures.date(days: 60))
            #expect(
                try await store.activities(tenant: "acme", from: window.from, to: window.to) == [Fixtures.activity()])
            #expect(try await store.activityFacts(tenant: "acme") == [ActivityFact(Fixtures.activity())])
            #expect(
                try await store.engagement(tenant: "acme", from: window.from, to: window.to) == [Fixtures.engagement()])
            #expect(try await store.tickets(tenant: "acme") == [Fixtures.ticket])
            #expect(try await store.targets(tenant: "acme") == [Fixtures.target])
            #expect(try await store.subscriptions(tenant: "acme") == [Fixtures.subscription])
            #expect(try await store.churnEvents(tenant: "acme") == [Fixtures.churn])
            #expect(try await store.quarantine(source: nil, limit: 10) == batch.quarantine)
            #expect(try await store.corrections(limit: 10) == batch.corrections)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func minimalValuesWithEveryOptionalFieldEmptyReadBackEqual(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            batch.accounts = [Account(id: "a", name: "A")]
            batch.contacts = [Contact(id: "c", name: "C")]
            batch.reps = [Rep(id: "r", name: "R")]
            batch.products = [Product(id: "p", name: "P")]
            batch.deals = [Deal(id: "d", stage: "Prospecting")]
            batch.activities = [Activity(id: "x", kind: .note, occurredAt: Fixtures.date())]
            batch.engagement = [EngagementEvent(id: "e", account: "a", kind: .session, occurredAt: Fixtures.date())]
            batch.tickets = [SupportTicket(id: "t", account: "a", openedAt: Fixtures.date())]
            batch.targets = [KpiTarget(id: "k", metric: "win_rate", period: .quarter, target: 0.45)]
            batch.subscriptions = [Subscription(id: "s", account: "a", startDate: Fixtures.date())]
            batch.churnEvents = [ChurnEvent(id: "h", account: "a", churnedAt: Fixtures.date())]
            _ = try await store.apply(batch)
            let tenant = Tenant.defaultID
            let all = (from: Fixtures.date(days: -1), to: Fixtures.date(days: 1))
            #expect(try await store.tenants() == [Tenant(id: tenant, name: tenant.rawValue)])
            #expect(try await store.accounts(tenant: tenant) == batch.accounts)
            #expect(try await store.contacts(tenant: tenant) == batch.contacts)
            #expect(try await store.reps(tenant: tenant) == batch.reps)
            #expect(try await store.products(tenant: tenant) == batch.products)
            #expect(try await store.deals(tenant: tenant) == batch.deals)
            #expect(try await store.activities(tenant: tenant, from: all.from, to: all.to) == batch.activities)
            #expect(try await store.engagement(tenant: tenant, from: all.from, to: all.to) == batch.engagement)
            #expect(try await store.tickets(tenant: tenant) == batch.tickets)
            #expect(try await store.targets(tenant: tenant) == batch.targets)
            #expect(try await store.subscriptions(tenant: tenant) == batch.subscriptions)
            #expect(try await store.churnEvents(tenant: tenant) == batch.churnEvents)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func applyingABatchReportsInsertsPerKind(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let summary = try await store.apply(Fixtures.fullBatch())
            for kind in [
                "tenants", "accounts", "contacts", "reps", "products", "deals", "activities", "engagement", "tickets",
                "targets", "subscriptions", "churnEvents",
            ] {
                #expect(summary.inserted[kind] == 1, "\(kind)")
            }
            #expect(summary.totalInserted == 12)
            #expect(summary.totalUpdated == 0)
            #expect(summary.quarantined == 1)
            #expect(summary.corrections == 1)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func reapplyingTheSameBatchChangesNothing(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = Fixtures.fullBatch()
            batch.stageChanges = [
                DealStageChange(tenant: "acme", deal: "deal-1", stage: "FOLLOW_UP", enteredAt: Fixtures.date(days: 35))
            ]
            _ = try await store.apply(batch)
            let before = try await store.counts()
            let again = try await store.apply(batch)
            #expect(again.totalInserted == 0)
            #expect(again.totalUpdated == 0)
            #expect(again.totalUnchanged == batch.recordCount)
            #expect(again.quarantined == 0)
            #expect(again.corrections == 0)
            var after = try await store.counts()
            #expect(after["ingest_batches"] == before["ingest_batches"] + 1)
            after.byTable["ingest_batches"] = before["ingest_batches"]
            #expect(after == before)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aNewerDealReplacesTheStoredOneAndAnOlderOneIsIgnored(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            var original = Fixtures.deal(updatedAt: Fixtures.date(days: 30))
            original.stageHistory = []
            batch.deals = [original]
            _ = try await store.apply(batch)

            var newer = original
            newer.amountCents = 2_000_000
            newer.updatedAt = Fixtures.date(days: 31)
            batch.deals = [newer]
            #expect(try await store.apply(batch).updated["deals"] == 1)
            #expect(try await store.deal("deal-1", tenant: "acme") == newer)

            var older = original
            older.amountCents = 1
            older.updatedAt = Fixtures.date(days: 29)
            batch.deals = [older]
            let ignored = try await store.apply(batch)
            #expect(ignored.updated["deals"] == 0)
            #expect(ignored.unchanged["deals"] == 1)
            #expect(try await store.deal("deal-1", tenant: "acme") == newer)

            var sameTime = newer
            sameTime.competitor = "Umbrella"
            batch.deals = [sameTime]
            #expect(try await store.apply(batch).updated["deals"] == 1)
            #expect(try await store.deal("deal-1", tenant: "acme") == sameTime)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func largeBatchesMixingNewChangedAndUnchangedRowsAreCountedExactly(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            func activity(_ number: Int, subject: String = "first") -> Activity {
                var activity = Fixtures.activity(id: Activity.ID("a\(number)"), at: Fixtures.date(seconds: number))
                activity.subject = subject
                return activity
            }
            var batch = IngestBatch()
            batch.activities = (0..<100).map { activity($0) }
            #expect(try await store.apply(batch).inserted["activities"] == 100)

            // 90 unchanged, 10 changed, 50 new, spread over several multi-row groups.
            batch.activities = (0..<150).map { activity($0, subject: $0 % 10 == 3 && $0 < 100 ? "changed" : "first") }
            let summary = try await store.apply(batch)
            #expect(summary.inserted["activities"] == 50)
            #expect(summary.updated["activities"] == 10)
            #expect(summary.unchanged["activities"] == 90)
            let all = (from: Fixtures.date(), to: Fixtures.date(days: 1))
            #expect(try await store.activities(tenant: "acme", from: all.from, to: all.to) == batch.activities)

            // The same new id twice in one batch: the later version wins, as if applied one after the other.
            batch.activities = [activity(500)] + (0..<100).map { activity($0 + 1_000) } + [activity(500, subject: "v2")]
            let twice = try await store.apply(batch)
            #expect(twice.inserted["activities"] == 101)
            #expect(twice.updated["activities"] == 1)
            let stored = try await store.activities(tenant: "acme", from: all.from, to: all.to)
            #expect(stored.first { $0.id == "a500" }?.subject == "v2")
        }
    }

    @Test(arguments: StoreKind.enabled)
    func recordsWithoutVersionReplaceOnlyWhenTheirContentDiffers(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            batch.accounts = [Fixtures.account]
            _ = try await store.apply(batch)
            #expect(try await store.apply(batch).unchanged["accounts"] == 1)
            var changed = Fixtures.account
            changed.plan = nil
            changed.seats = 121
            batch.accounts = [changed]
            let summary = try await store.apply(batch)
            #expect(summary.updated["accounts"] == 1)
            #expect(summary.inserted["accounts"] == 0)
            #expect(try await store.accounts(tenant: "acme") == [changed])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aDealUpdateMergesNewStageHistoryEntries(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            var deal = Fixtures.deal(stage: "AGREEMENT")
            deal.stageHistory.removeLast()
            batch.deals = [deal]
            _ = try await store.apply(batch)
            deal.stageHistory.append(StageChange(stage: "LIST_OUT", enteredAt: Fixtures.date(days: 9)))
            deal.stage = "LIST_OUT"
            batch.deals = [deal]
            #expect(try await store.apply(batch).updated["deals"] == 1)
            #expect(try await store.deal("deal-1", tenant: "acme") == deal)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func stageChangesAppendHistoryAndTheNewestSetsTheCurrentStage(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            let created = Fixtures.date(days: 0)
            batch.deals = [
                Deal(
                    id: "d1", tenant: "acme", stage: "Prospecting",
                    stageHistory: [StageChange(stage: "Prospecting", enteredAt: created)], createdAt: created)
            ]
            _ = try await store.apply(batch)

            batch = IngestBatch()
            batch.stageChanges = [
                DealStageChange(tenant: "acme", deal: "d1", stage: "Qualified", enteredAt: Fixtures.date(days: 2)),
                DealStageChange(
                    tenant: "acme", deal: "d1", stage: "Closed Lost", enteredAt: Fixtures.date(days: 9),
                    outcome: .lost, lossReason: "price"),
                // Arrives late but happened before the close: history only, the deal stays closed.
                DealStageChange(tenant: "acme", deal: "d1", stage: "Proposal", enteredAt: Fixtures.date(days: 5)),
            ]
            let summary = try await store.apply(batch)
            #expect(summary.inserted["stageChanges"] == 3)

            let deal = try #require(try await store.deal("d1", tenant: "acme"))
            #expect(deal.stage == "Closed Lost")
            #expect(deal.outcome == .lost)
            #expect(deal.lossReason == "price")
            #expect(deal.closedAt == Fixtures.date(days: 9))
            #expect(deal.stageHistory.map(\.stage) == ["Prospecting", "Qualified", "Proposal", "Closed Lost"])
            #expect(try await store.deals(tenant: "acme") == [deal])

            let again = try await store.apply(batch)
            #expect(again.inserted["stageChanges"] == 0)
            #expect(again.unchanged["stageChanges"] == 3)
            #expect(try await store.deal("d1", tenant: "acme") == deal)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aReplayedOlderDealDoesNotUndoALaterStageChange(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var upsert = IngestBatch()
            upsert.deals = [Fixtures.deal(stage: "AGREEMENT", updatedAt: Fixtures.date(days: 5))]
            _ = try await store.apply(upsert)
            var move = IngestBatch()
            move.stageChanges = [
                DealStageChange(tenant: "acme", deal: "deal-1", stage: "LIST_OUT", enteredAt: Fixtures.date(days: 40))
            ]
            _ = try await store.apply(move)
            let replay = try await store.apply(upsert)
            #expect(replay.totalUpdated == 0)
            #expect(try await store.deal("deal-1", tenant: "acme")?.stage == "LIST_OUT")
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aStageChangeForAnUnknownDealFailsTheWholeBatch(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.apply(Fixtures.fullBatch())
            let before = try await store.counts()
            var batch = IngestBatch()
            batch.accounts = [Account(id: "acc-new", tenant: "acme", name: "New")]
            batch.deals = [Fixtures.deal(id: "deal-new")]
            batch.stageChanges = [
                DealStageChange(tenant: "acme", deal: "deal-missing", stage: "Proposal", enteredAt: Fixtures.date())
            ]
            batch.quarantine = [
                QuarantineRecord(source: "x.ndjson", line: 1, field: "id", gate: .schema, reason: "missing", raw: "{}")
            ]
            let error = await #expect(throws: StoreError.self) { try await store.apply(batch) }
            #expect(error?.code == "unknown_deal")
            #expect(error?.message.contains("deal-missing") == true)
            #expect(try await store.counts() == before)
            #expect(try await store.accounts(tenant: "acme") == [Fixtures.account])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func tenantsNamedByRecordsAreCreated(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            batch.activities = [
                Activity(id: "a1", tenant: "t2", kind: .note, occurredAt: Fixtures.date()),
                Activity(id: "a1", tenant: "t1", kind: .note, occurredAt: Fixtures.date()),
            ]
            let summary = try await store.apply(batch)
            #expect(summary.inserted["activities"] == 2)
            #expect(try await store.tenants() == [Tenant(id: "t1", name: "t1"), Tenant(id: "t2", name: "t2")])
            batch.tenants = [Tenant(id: "t1", name: "Tenant One", timeZone: "Asia/Tokyo")]
            #expect(try await store.apply(batch).updated["tenants"] == 1)
            #expect(try await store.tenants().first == batch.tenants[0])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theSameIdInTwoTenantsNamesTwoRecords(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            batch.deals = [
                Deal(id: "d", tenant: "t1", stage: "Qualified"), Deal(id: "d", tenant: "t2", stage: "Proposal"),
            ]
            let summary = try await store.apply(batch)
            #expect(summary.inserted["deals"] == 2)
            #expect(try await store.deal("d", tenant: "t1")?.stage == "Qualified")
            #expect(try await store.deal("d", tenant: "t2")?.stage == "Proposal")
            #expect(try await store.deal("d", tenant: "t3") == nil)
            #expect(try await store.existingDealIDs(["d", "e"], tenant: "t2") == ["d"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func activitiesAndEngagementAreReadByHalfOpenRangeOldestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var batch = IngestBatch()
            batch.activities = [
                Fixtures.activity(id: "late", at: Fixtures.date(days: 2)),
                Fixtures.activity(id: "edge", at: Fixtures.date(days: 3)),
                Fixtures.activity(id: "early", at: Fixtures.date(days: 1)),
                Fixtures.activity(id: "first", at: Fixtures.date(days: 1, seconds: -1)),
            ]
            batch.engagement = [
                Fixtures.engagement(id: "e2", at: Fixtures.date(days: 2)),
                Fixtures.engagement(id: "e1", at: Fixtures.date(days: 1)),
            ]
            _ = try await store.apply(batch)
            let from = Fixtures.date(days: 1)
            let to = Fixtures.date(days: 3)
            #expect(try await store.activities(tenant: "acme", from: from, to: to).map(\.id) == ["early", "late"])
            #expect(try await store.engagement(tenant: "acme", from: from, to: to).map(\.id) == ["e1", "e2"])
            #expect(try await store.engagement(tenant: "other", from: from, to: to).isEmpty)
            let facts = try await store.activityFacts(tenant: "acme")
            #expect(facts.map(\.occurredAt).sorted() == batch.activities.map(\.occurredAt).sorted())
            #expect(try await store.activityFacts(tenant: "other").isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func lookupsReportOnlyStoredIds(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.apply(Fixtures.fullBatch())
            #expect(try await store.existingDealIDs(["deal-1", "deal-2"], tenant: "acme") == ["deal-1"])
            #expect(try await store.existingDealIDs(["deal-1"], tenant: "other").isEmpty)
            #expect(try await store.existingEventIDs(["evt-1", "evt-2"]) == ["evt-1"])
            #expect(try await store.existingEventIDs([]).isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func hasEventsTurnsTrueOnceAnEventEnvelopeIsStored(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.hasEvents() == false)
            var withoutEvents = Fixtures.fullBatch()
            withoutEvents.events = []
            _ = try await store.apply(withoutEvents)
            #expect(try await store.hasEvents() == false)
            _ = try await store.apply(Fixtures.fullBatch())
            #expect(try await store.hasEvents() == true)
            #expect(try await store.subscriptionAccounts(["sub-1", "sub-9"], tenant: "acme") == ["sub-1": "acc-1"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func isEmptyTurnsFalseOnceARecordOrAnEventIsStored(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.isEmpty() == true)
            var oneAccount = IngestBatch()
            oneAccount.accounts = [Account(id: "acc-only", name: "Only")]
            _ = try await store.apply(oneAccount)
            #expect(try await store.isEmpty() == false)
        }
        try await withStore(kind) { store in
            var onlyQuarantine = IngestBatch()
            onlyQuarantine.quarantine = [
                QuarantineRecord(source: "a.csv", line: 2, field: "id", gate: .criticalNull, reason: "empty", raw: "")
            ]
            _ = try await store.apply(onlyQuarantine)
            #expect(try await store.isEmpty() == true)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func quarantineListsTheNewestBatchFirstAndFiltersBySource(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            func row(_ source: String, _ line: Int, _ gate: QualityGate, field: String? = "amount") -> QuarantineRecord
            {
                QuarantineRecord(
                    source: source, line: line, field: field, gate: gate, reason: "bad", raw: "raw \(line)")
            }
            var first = IngestBatch()
            first.quarantine = [row("data/deals.csv", 4, .schema), row("data/deals.csv", 2, .outcome)]
            _ = try await store.apply(first)
            var second = IngestBatch()
            second.quarantine = [
                row("events.ndjson", 9, .parse, field: nil), row("events.ndjson", 9, .parse, field: nil),
                row("events.ndjson", 3, .dateLogic),
            ]
            let summary = try await store.apply(second)
            #expect(summary.quarantined == 2)

            let all = try await store.quarantine(source: nil, limit: 100)
            #expect(all.map(\.line) == [3, 9, 2, 4])
            #expect(all[1].field == nil)
            #expect(try await store.quarantine(source: nil, limit: 2).map(\.line) == [3, 9])
            #expect(try await store.quarantine(source: "deals.csv", limit: 100).map(\.line) == [2, 4])
            #expect(try await store.quarantine(source: "data/deals.csv", limit: 100).count == 2)
            #expect(try await store.quarantine(source: "/srv/in/events.ndjson", limit: 100).count == 2)
            #expect(try await store.quarantine(source: "eals.csv", limit: 100).isEmpty)

            _ = try await store.apply(first)
            #expect(try await store.quarantine(source: nil, limit: 100).count == 4)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func correctionsAreListedNewestFirstAndStoredOnce(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            func correction(_ line: Int) -> Correction {
                Correction(
                    source: "deals.csv", line: line, recordID: "d\(line)", field: "cycle", from: "1", to: "2",
                    reason: "recomputed")
            }
            var first = IngestBatch()
            first.corrections = [correction(1)]
            _ = try await store.apply(first)
            var second = IngestBatch()
            second.corrections = [correction(5), correction(1)]
            #expect(try await store.apply(second).corrections == 1)
            #expect(try await store.corrections(limit: 10) == [correction(5), correction(1)])
            #expect(try await store.corrections(limit: 1) == [correction(5)])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func countsCoverEveryTable(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.counts()["deals"] == 0)
            _ = try await store.apply(Fixtures.fullBatch())
            let counts = try await store.counts()
            for table in [
                "tenants", "accounts", "contacts", "reps", "products", "deals", "activities", "engagement_events",
                "support_tickets", "kpi_targets", "subscriptions", "churn_events", "events", "quarantine",
                "corrections", "ingest_batches",
            ] {
                #expect(counts[table] == 1, "\(table)")
            }
            #expect(counts["deal_stage_history"] == 4)
        }
    }
}
