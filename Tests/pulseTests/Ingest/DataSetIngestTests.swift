import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

@Suite(.serialized) struct DataSetIngestTests {
    @Test func theWholeMavenDataSetLoadsWithTheBuiltInMappings() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let report = try await IngestRunner(store: store).run(
            files: try IngestFixture.csvFiles(of: "maven-crm-sales-opportunities"))
        let counts = try await store.counts()
        #expect(counts["deals"] == 8_800)
        #expect(counts["accounts"] == 85)
        #expect(counts["products"] == 7)
        #expect(counts["reps"] == 41)
        #expect(counts["quarantine"] == 0)
        #expect(report.loaded == 8_800 + 85 + 7 + 41)
        #expect(report.quarantined == 0)
        #expect(report.files.first { $0.source.hasSuffix("data_dictionary.csv") }?.notice?.contains("skipped") == true)

        let reps = try await store.reps(tenant: Tenant.defaultID)
        #expect(reps.filter { $0.role == .rep }.count == 35)
        #expect(reps.filter { $0.role == .manager }.count == 6)
        let anna = reps.first { $0.id == "anna-snelling" }
        #expect(anna?.manager == "dustin-brinkmann" && anna?.region == "Central")
        #expect(reps.first { $0.id == "dustin-brinkmann" }?.role == .manager)

        let deals = try await store.deals(tenant: Tenant.defaultID)
        #expect(deals.filter { $0.outcome == .won }.count == 4_238)
        #expect(deals.filter { $0.outcome == .lost }.count == 2_473)
        #expect(deals.filter { $0.stage == "Qualified" }.count == 1_589)
        let prospecting = deals.filter { $0.stage == "Prospecting" }
        #expect(prospecting.count == 500)
        #expect(prospecting.allSatisfy { $0.stageHistory.isEmpty && $0.amountCents == nil && $0.createdAt == nil })
        #expect(deals.filter { $0.product == "GTX Pro" }.count == 1_480)
        #expect(!deals.contains { $0.product == "GTXPro" })
        let first = try #require(deals.first { $0.id == "1C1I7A6R" })
        #expect(first.owner == "moses-frase")
        #expect(first.account == "cancity")
        #expect(first.product == "GTX Plus Basic")
        #expect(first.amountCents == 105_400)
        #expect(first.createdAt == ISODate.parse("2016-10-20"))
        #expect(first.closedAt == ISODate.parse("2017-03-01"))
        #expect(first.stageHistory.map(\.stage) == ["Qualified", "Won"])
        #expect(deals.filter { $0.stage == "Qualified" }.allSatisfy { $0.amountCents == nil && $0.closedAt == nil })

        let acme = try #require(
            try await store.accounts(tenant: Tenant.defaultID).first { $0.id == "acme-corporation" })
        #expect(acme.annualRevenueCents == 110_004_000_000)
        #expect(acme.employees == 2_822)
        #expect(acme.industry == "technolgy")
        #expect(acme.country == "United States")
        let gtxPro = try await store.products(tenant: Tenant.defaultID).first { $0.id == "gtx-pro" }
        #expect(gtxPro?.listPriceCents == 482_100)
        #expect(gtxPro?.name == "GTX Pro")
    }

    @Test func theRavenStackTablesLoadWithUsageResolvedThroughSubscriptions() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let report = try await IngestRunner(store: store).run(
            files: try IngestFixture.csvFiles(of: "ravenstack-saas-synthetic"))
        let counts = try await store.counts()
        #expect(counts["accounts"] == 500)
        #expect(counts["subscriptions"] == 5_000)
        #expect(counts["engagement_events"] == 25_000 - 21)
        #expect(counts["support_tickets"] == 2_000)
        #expect(counts["churn_events"] == 600)
        #expect(report.duplicates == 21)
        #expect(report.quarantined == 0)

        let ticket = try #require(try await store.tickets(tenant: Tenant.defaultID).first { $0.id == "T-0024de" })
        #expect(ticket.openedAt == ISODate.parse("2023-07-27"))
        #expect(ticket.closedAt == ISODate.parse("2023-07-28T03:00:00Z"))
        #expect(ticket.priority == .high)
        #expect(ticket.resolutionHours == 27)
        #expect(ticket.satisfaction == nil)
        let churn = try await store.churnEvents(tenant: Tenant.defaultID).first { $0.id == "C-816288" }
        #expect(churn?.refundCents == 403)
        #expect(churn?.reason == "pricing")
        let subscriptions = try await store.subscriptions(tenant: Tenant.defaultID)
        let subscription = subscriptions.first { $0.id == "S-8cec59" }
        #expect(subscription?.mrrCents == 278_600)
        #expect(subscription?.churned == true && subscription?.autoRenew == true)
        let usage = try await store.engagement(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture
        ).first { $0.id == "U-1c6c24" }
        let owner = subscriptions.first { $0.id == "S-0fcf7d" }?.account
        #expect(usage?.account == owner)
        #expect(usage?.count == 9 && usage?.sessionSeconds == 5_004 && usage?.feature == "feature_20")
        let accounts = try await store.accounts(tenant: Tenant.defaultID)
        #expect(accounts.filter(\.churned).count == 110)
    }

    @Test func usageAloneTakesItsAccountsFromSubscriptionsInTheStore() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let folder = IngestFixture.dataSet("ravenstack-saas-synthetic")
        _ = try await IngestRunner(store: store).run(files: [
            folder.appendingPathComponent("ravenstack_subscriptions.csv")
        ])
        let report = try await IngestRunner(store: store).run(files: [
            folder.appendingPathComponent("ravenstack_feature_usage.csv")
        ])
        #expect(report.loaded == 25_000 - 21)
        #expect(report.quarantined == 0)
    }

    @Test func reIngestingTheSameFilesAddsNothing() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let events = try fixture.write("events.ndjson", try IngestFixture.accountLines(50).joined(separator: "\n"))
        let files = try IngestFixture.csvFiles(of: "maven-crm-sales-opportunities") + [events]
        let first = try await IngestRunner(store: store).run(files: files)
        let countsAfterFirst = try await store.counts()
        let second = try await IngestRunner(store: store).run(files: files)
        #expect(first.loaded == 8_933 + 50)
        #expect(second.loaded == 0)
        #expect(second.duplicates == 8_933 + 50)
        #expect(second.rendered.contains("Total: 0 loaded, 0 corrected, 0 quarantined, 8,983 duplicates"))
        var countsAfterSecond = try await store.counts()
        countsAfterSecond.byTable["ingest_batches"] = countsAfterFirst["ingest_batches"]
        #expect(countsAfterSecond == countsAfterFirst)
    }
}
