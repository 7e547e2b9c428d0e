import Foundation
import PulseCore
import Testing

@Suite struct AccessScopeTests {
    static let created = Date(timeIntervalSince1970: 1_764_000_000)

    /// exec ← vp ← mgr ← {ana, ben}; cara reports to nobody; dan is on team "north" whose manager is nora.
    static let reps = [
        Rep(id: "exec", name: "Erin", role: .executive),
        Rep(id: "vp", name: "Vera", role: .manager, manager: "exec"),
        Rep(id: "mgr", name: "Max", role: .manager, manager: "vp"),
        Rep(id: "ana", name: "Ana", role: .rep, manager: "mgr"),
        Rep(id: "ben", name: "Ben", role: .rep, manager: "mgr"),
        Rep(id: "cara", name: "Cara", role: .rep),
        Rep(id: "nora", name: "Nora", role: .manager, team: "north"),
        Rep(id: "dan", name: "Dan", role: .rep, team: "north"),
    ]

    static func user(_ role: UserRole, rep: Rep.ID?) -> User {
        User(id: "u", name: "U", role: role, rep: rep, createdAt: created)
    }

    @Test func aRepSeesOnlyTheirOwnRecords() {
        #expect(AccessScope.visibleReps(for: Self.user(.rep, rep: "ana"), reps: Self.reps) == ["ana"])
    }

    @Test func aManagerSeesThemselvesAndEveryRepWhoseChainReachesThem() {
        #expect(
            AccessScope.visibleReps(for: Self.user(.manager, rep: "mgr"), reps: Self.reps) == ["mgr", "ana", "ben"])
        #expect(
            AccessScope.visibleReps(for: Self.user(.manager, rep: "vp"), reps: Self.reps) == [
                "vp", "mgr", "ana", "ben",
            ])
    }

    @Test func aTeamManagerSeesTheRepsOfTheirTeamWithoutAnExplicitManager() {
        #expect(AccessScope.visibleReps(for: Self.user(.manager, rep: "nora"), reps: Self.reps) == ["nora", "dan"])
    }

    @Test(arguments: [UserRole.executive, .admin])
    func executivesAndAdminsSeeTheWholeTenant(_ role: UserRole) {
        #expect(AccessScope.visibleReps(for: Self.user(role, rep: nil), reps: Self.reps) == nil)
    }

    @Test(arguments: [UserRole.rep, .manager])
    func aRepOrManagerWithoutACRMRepSeesNothing(_ role: UserRole) {
        #expect(AccessScope.visibleReps(for: Self.user(role, rep: nil), reps: Self.reps) == [])
    }

    @Test func aManagerCycleInTheDataDoesNotLoopForever() {
        let looped = [
            Rep(id: "a", name: "A", role: .manager, manager: "b"),
            Rep(id: "b", name: "B", role: .manager, manager: "a"),
            Rep(id: "c", name: "C", role: .rep, manager: "a"),
        ]
        #expect(AccessScope.visibleReps(for: Self.user(.manager, rep: "a"), reps: looped) == ["a", "b", "c"])
    }
}
