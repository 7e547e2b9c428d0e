import Foundation
import Testing

@testable import PulseCore

@Suite struct OrgChartTests {
    let org = AF.org
    let deal = EntityRef(.deal, "D1")

    @Test func ownerIsTheMatchOwnerAndManagerIsTheirManager() {
        #expect(org.resolve(.owner, entity: deal, owner: "rep_12") == ["rep_12"])
        #expect(org.resolve(.manager, entity: deal, owner: "rep_12") == ["mgr_1"])
        #expect(org.resolve(.manager, entity: deal, owner: "mgr_1") == ["exec_1"])
        #expect(org.resolve(.executive, entity: deal, owner: "rep_12") == ["exec_1"])
        #expect(org.resolve(.revops, entity: deal, owner: "rep_12") == ["ops_1"])
    }

    @Test func aRepWithoutAManagerFieldFallsBackToTheManagersOfTheirTeam() {
        #expect(org.resolve(.manager, entity: deal, owner: "rep_30") == ["mgr_2"])
    }

    @Test func teamSegmentAndTenantScopesGoToManagers() {
        #expect(org.resolve(.owner, entity: EntityRef(.team, "apac"), owner: nil) == ["mgr_2"])
        #expect(org.resolve(.manager, entity: EntityRef(.team, "emea"), owner: nil) == ["mgr_1"])
        #expect(org.resolve(.manager, entity: EntityRef(.team, "nowhere"), owner: nil) == ["mgr_1", "mgr_2"])
        #expect(org.resolve(.owner, entity: EntityRef(.segment, "industry=EdTech"), owner: nil) == ["mgr_1", "mgr_2"])
        #expect(org.resolve(.manager, entity: EntityRef(.tenant, "default"), owner: nil) == ["mgr_1", "mgr_2"])
    }

    @Test func csmIsTheAccountOwnerOnlyWhenTheirRoleIsCSM() {
        let account = EntityRef(.account, "A1")
        #expect(org.resolve(.csm, entity: account, owner: "csm_1") == ["csm_1"])
        #expect(org.resolve(.csm, entity: account, owner: "rep_12") == [])
        #expect(org.resolve(.csm, entity: deal, owner: "rep_12", related: ["account_owner": "csm_1"]) == ["csm_1"])
    }

    @Test func aRoleThatResolvesToNobodyFallsBackOneLevelUp() {
        let noManager = org.recipients(roles: [.manager], entity: deal, owner: "ghost")
        #expect(noManager.reps == ["exec_1"])
        #expect(noManager.notes == ["manager: nobody → executive"])
        let csm = org.recipients(roles: [.csm], entity: EntityRef(.account, "A1"), owner: "rep_12")
        #expect(csm.reps == ["mgr_1"])
        #expect(csm.notes == ["csm: nobody → manager"])
        let both = org.recipients(roles: [.owner, .manager], entity: deal, owner: "rep_12")
        #expect(both.reps == ["rep_12", "mgr_1"])
        #expect(both.notes.isEmpty)
    }

    @Test func withoutExecutivesSomeoneStillGetsTheAlert() {
        let small = OrgChart(reps: [
            Rep(id: "r1", name: "Solo", role: .rep), Rep(id: "m1", name: "Boss", role: .manager),
        ])
        let result = small.recipients(roles: [.executive], entity: deal, owner: nil)
        #expect(result.reps == ["m1"])
        #expect(result.notes == ["executive: nobody", "nobody for the rule's roles → every manager"])
    }

    @Test func aTenantWithoutRepsAddressesNobodyAndSaysSo() {
        let empty = OrgChart(reps: [])
        let result = empty.recipients(roles: [.owner], entity: deal, owner: "rep_12")
        #expect(result.reps.isEmpty)
        #expect(result.notes.last == "no recipients: the tenant has no reps")

        var h = BookHarness([AF.stalled])
        h.org = empty
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        #expect(h.alerts.count == 1)
        #expect(h.alerts[0].recipients.isEmpty)
        #expect(h.notifications.isEmpty)
        #expect(h.audit[0].detail.contains("no recipients: the tenant has no reps"))
    }

    @Test func escalationLevelsAreRuleRolesThenManagersThenExecutives() {
        #expect(org.escalationRecipients(level: 0, roles: [.owner], entity: deal, owner: "rep_12").reps == ["rep_12"])
        #expect(org.escalationRecipients(level: 1, roles: [.owner], entity: deal, owner: "rep_12").reps == ["mgr_1"])
        #expect(org.escalationRecipients(level: 2, roles: [.owner], entity: deal, owner: "rep_12").reps == ["exec_1"])
    }

    @Test func displayNameShowsNameAndId() {
        #expect(org.displayName("rep_12") == "Sarah Johnson (rep_12)")
        #expect(org.displayName("nobody") == "nobody")
    }
}
