import Foundation
import PulseCore
import PulseStore
import Testing

/// The behaviour every `AccessStore` backend must show: users, API tokens and the access audit log.
@Suite struct AccessStoreTests {
    typealias F = ServerFixtures

    @Test(arguments: StoreKind.enabled)
    func aUserWithEveryFieldSetReadsBackEqualAndSavingAgainReplacesIt(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let ana = F.fullUser()
            try await store.saveUser(ana)
            try await store.saveUser(F.user("bob"))
            try await store.saveUser(F.user("bob", tenant: "other"))
            #expect(try await store.user("ana", tenant: "acme") == ana)
            #expect(try await store.user("ana", tenant: "other") == nil)
            #expect(try await store.users(tenant: "acme").map(\.id) == ["ana", "bob"])
            #expect(try await store.users(tenant: "other").map(\.id) == ["bob"])

            var changed = ana
            changed.role = .admin
            changed.email = nil
            changed.rep = nil
            changed.preferences = .standard
            changed.disabled = false
            try await store.saveUser(changed)
            #expect(try await store.user("ana", tenant: "acme") == changed)
            #expect(try await store.users(tenant: "acme").count == 2)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aTokenIsFoundByItsHashInAnyTenantAndListedNewestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var full = F.token("t-1", created: F.date())
            full.expiresAt = F.date(hours: 48)
            full.lastUsedAt = F.date(hours: 1)
            try await store.saveToken(full)
            try await store.saveToken(F.token("t-2", user: "bob", created: F.date(hours: 2)))
            try await store.saveToken(F.token("t-3", tenant: "other", created: F.date(hours: 3)))

            #expect(try await store.token(hash: "hash-t-1") == full)
            #expect(try await store.token(hash: "hash-t-3")?.tenant == "other")
            #expect(try await store.token(hash: "no-such-hash") == nil)
            #expect(try await store.tokens(tenant: "acme", user: nil).map(\.id) == ["t-2", "t-1"])
            #expect(try await store.tokens(tenant: "acme", user: "ana").map(\.id) == ["t-1"])
            #expect(try await store.tokens(tenant: "other", user: nil).map(\.id) == ["t-3"])

            var used = full
            used.lastUsedAt = F.date(hours: 5)
            try await store.saveToken(used)
            #expect(try await store.token(hash: "hash-t-1") == used)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aSecondTokenWithTheSameHashIsRefusedWithAClearError(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.saveToken(F.token("t-1", hash: "same"))
            let error = await #expect(throws: StoreError.self) {
                try await store.saveToken(F.token("t-9", tenant: "other", hash: "same"))
            }
            #expect(error?.code == "token_hash_taken")
            #expect(error?.message.contains("t-9") == true)
            #expect(try await store.tokens(tenant: "other", user: nil).isEmpty)
            #expect(try await store.token(hash: "same")?.id == "t-1")
        }
    }

    @Test(arguments: StoreKind.enabled)
    func revokingATokenWorksOnceAndOnlyInItsOwnTenant(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.saveToken(F.token("t-1"))
            #expect(try await store.revokeToken("t-1", tenant: "other", at: F.date(hours: 1)) == false)
            #expect(try await store.token(hash: "hash-t-1")?.revokedAt == nil)
            #expect(try await store.revokeToken("t-1", tenant: "acme", at: F.date(hours: 1)) == true)
            #expect(try await store.revokeToken("t-1", tenant: "acme", at: F.date(hours: 2)) == false)
            #expect(try await store.revokeToken("t-404", tenant: "acme", at: F.date(hours: 2)) == false)
            let revoked = try #require(try await store.token(hash: "hash-t-1"))
            #expect(revoked.revokedAt == F.date(hours: 1))
            #expect(!revoked.isValid(at: F.date(hours: 1)))
            #expect(try await store.tokens(tenant: "acme", user: nil).map(\.id) == ["t-1"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func auditLinesGetIncreasingSequencesAndAreReadByRangeAndAfterASequence(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.appendAudit([
                F.audit("alert.view", at: F.date()), F.audit("alert.acknowledge", at: F.date(hours: 1)),
                F.audit("user.create", tenant: "other", at: F.date(hours: 1)),
            ])
            try await store.appendAudit([F.audit("token.revoke", at: F.date(hours: 2))])
            try await store.appendAudit([])

            let all = try await store.auditLog(
                tenant: "acme", from: F.date(), to: F.date(hours: 3), after: 0, limit: 100)
            #expect(all.map(\.action) == ["alert.view", "alert.acknowledge", "token.revoke"])
            #expect(all.map(\.sequence) == all.map(\.sequence).sorted())
            #expect(Set(all.map(\.sequence)).count == 3 && all.allSatisfy { $0.sequence > 0 })
            var expected = F.audit("alert.acknowledge", at: F.date(hours: 1))
            expected.sequence = all[1].sequence
            #expect(all[1] == expected)

            let page = try await store.auditLog(
                tenant: "acme", from: F.date(), to: F.date(hours: 3), after: all[0].sequence, limit: 1)
            #expect(page.map(\.action) == ["alert.acknowledge"])
            let range = try await store.auditLog(
                tenant: "acme", from: F.date(hours: 1), to: F.date(hours: 2), after: 0, limit: 100)
            #expect(range.map(\.action) == ["alert.acknowledge"], "to is exclusive, from inclusive")
            let other = try await store.auditLog(
                tenant: "other", from: F.date(), to: F.date(hours: 3), after: 0, limit: 100)
            #expect(other.map(\.action) == ["user.create"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func usersTokensAndAuditLinesSurviveReopeningTheDatabase(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            do {
                let store = try open()
                try await store.saveUser(F.fullUser())
                try await store.saveToken(F.token("t-1"))
                try await store.revokeToken("t-1", tenant: "acme", at: F.date(hours: 1))
                try await store.appendAudit([F.audit("alert.view", at: F.date())])
            }
            let store = try open()
            #expect(try await store.user("ana", tenant: "acme") == F.fullUser())
            #expect(try await store.token(hash: "hash-t-1")?.revokedAt == F.date(hours: 1))
            let lines = try await store.auditLog(
                tenant: "acme", from: F.date(), to: F.date(hours: 1), after: 0, limit: 9)
            #expect(lines.map(\.action) == ["alert.view"])
        }
    }
}
