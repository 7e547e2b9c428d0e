import Foundation
import PulseCore
import Testing

@Suite struct ReportAlertLineTests {
    private func alert(title: String, entityName: String) -> Alert {
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        return Alert(
            id: "fp-1", tenant: Tenant.defaultID, fingerprint: "fp", rule: "stalled-deal", severity: .critical,
            entity: EntityRef(.deal, "D1"), entityName: entityName, state: .open, raisedAt: at, lastFiringAt: at,
            updatedAt: at, content: AlertContent(title: title, entityLine: "Deal: D1", actions: ["Call them"]))
    }

    @Test func theEntityIsNamedOnlyWhenTheTitleDoesNotAlreadyNameIt() {
        let data = ReportData()
        let named = ReportAlertLine(alert(title: "STALLED DEAL: Globex", entityName: "Globex"), data: data)
        #expect(named.entity == nil)
        #expect(named.severity == "urgent")
        #expect(named.action == "Call them")
        let unnamed = ReportAlertLine(alert(title: "BDR NEEDS SUPPORT", entityName: "Sam Rivera"), data: data)
        #expect(unnamed.entity == "Sam Rivera")
    }
}
