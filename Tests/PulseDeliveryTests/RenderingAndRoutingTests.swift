import Foundation
import PulseCore
import PulseDelivery
import Testing

@Suite struct AlertMessageRendererTests {
    let renderer = AlertMessageRenderer(publicURL: "https://pulse.example.com//")

    @Test func aNewAlertReadsLikeTheDesignExamplesAndLinksToTheAlert() {
        let message = renderer.render(DeliveryFixtures.alert(), action: "new")
        #expect(message.subject == "🔴 VELOCITY ALERT: Deal at Risk — Deal: D04523 - Acme Corp")
        #expect(message.text.hasPrefix("VELOCITY ALERT: Deal at Risk\n\nDeal: D04523 - Acme Corp\n"))
        #expect(message.text.contains("Recommended Actions:\n1. Call the champion this week\n2. .NET migration"))
        #expect(
            message.text.hasSuffix(
                "Impact: $45K potential revenue at risk\n\nView alert: https://pulse.example.com/alerts/17"))
        #expect(message.link == "https://pulse.example.com/alerts/17")
        #expect(message.severity == .critical)
        #expect(message.html?.contains("<h3>Why this matters</h3>") == true)
        #expect(message.slackBlocks?.hasPrefix("[") == true)
    }

    @Test func aResolvedNotificationSaysSoAndWhoResolvedIt() {
        var alert = DeliveryFixtures.alert(state: .resolved)
        alert.resolvedAt = DeliveryFixtures.t0
        alert.resolvedBy = "pulse"
        let message = renderer.render(alert, action: "resolved")
        #expect(message.subject.hasPrefix("Resolved: 🔴 VELOCITY ALERT"))
        #expect(message.text.hasPrefix("✅ Resolved — the condition cleared at 2026-11-18 11:06:40 UTC\n\n"))
        alert.resolvedBy = "maria"
        alert.resolutionNote = "customer signed"
        #expect(renderer.render(alert, action: "resolved").text.hasPrefix("✅ Resolved — resolved by maria at"))
        #expect(renderer.render(alert, action: "resolved").html?.contains("customer signed") == true)
    }

    @Test func escalatedAndReopenedNotificationsSaySoFirst() {
        var alert = DeliveryFixtures.alert(severity: .high)
        alert.escalationLevel = 1
        let escalated = renderer.render(alert, action: "escalated")
        #expect(escalated.subject.hasPrefix("Escalated: 🟠"))
        #expect(escalated.text.hasPrefix("⏫ Escalated to level 1 — not acknowledged within the same day response time"))
        #expect(escalated.slackBlocks?.contains("⏫ Escalated to level 1") == true)
        let reopened = renderer.render(alert, action: "reopened")
        #expect(reopened.subject.hasPrefix("Reopened: "))
        #expect(reopened.text.hasPrefix("🔁 Reopened"))
    }

    @Test func anUnnumberedAlertLinksByItsID() {
        let alert = DeliveryFixtures.alert(number: 0)
        #expect(renderer.link(for: alert) == "https://pulse.example.com/alerts/fp1-1795000000")
    }
}

@Suite struct DeliveryRouterTests {
    let everything = ChannelSettings(
        slack: SlackSettings(webhookURL: "http://127.0.0.1:9/slack"),
        email: EmailSettings(host: "127.0.0.1", from: "pulse@example.com"),
        webhook: WebhookSettings(url: "http://127.0.0.1:9/hook", secret: "x"),
        pagerDuty: PagerDutySettings(routingKey: "k"))

    @Test func aCriticalAlertGoesToEveryChannelOfTheStandardPreferencesWithKeyedIDs() {
        let alert = DeliveryFixtures.alert()
        let notification = DeliveryFixtures.notification(alert)
        let plan = DeliveryRouter(settings: everything).route(
            notification, to: DeliveryFixtures.sarah, now: DeliveryFixtures.t0)
        #expect(plan.items.map(\.channel) == [.slack, .pagerduty, .email])
        #expect(
            plan.items.map(\.id) == [
                "fp1-1795000000|rep_12|new|0|slack", "fp1-1795000000|rep_12|new|0|pagerduty",
                "fp1-1795000000|rep_12|new|0|email",
            ])
        #expect(plan.items.map(\.action) == ["new", "trigger", "new"])
        #expect(
            plan.items.allSatisfy {
                $0.notification == notification.id && $0.fingerprint == "fp1" && $0.recipient == "rep_12"
                    && $0.status == .pending && $0.nextAttemptAt == DeliveryFixtures.t0 && $0.kind == .alert
            })
        #expect(plan.skipped.isEmpty)
    }

    @Test func channelsThatAreNotConfiguredAreSkippedWithAReason() {
        let alert = DeliveryFixtures.alert()
        var noAddress = DeliveryFixtures.sarah
        noAddress.email = nil
        let plan = DeliveryRouter(settings: ChannelSettings(email: everything.email)).route(
            DeliveryFixtures.notification(alert), to: noAddress, now: DeliveryFixtures.t0)
        #expect(plan.items.isEmpty)
        #expect(plan.skipped.map(\.channel) == [.slack, .pagerduty, .email])
        #expect(
            plan.skipped.map(\.reason) == [
                "no Slack webhook for the tenant or in rep_12's preferences", "no PagerDuty routing key configured",
                "rep_12 has no e-mail address",
            ])
    }

    @Test func aPersonalSlackWebhookIsEnoughWithoutATenantOne() {
        var sarah = DeliveryFixtures.sarah
        sarah.slackWebhook = "http://127.0.0.1:9/me"
        let plan = DeliveryRouter(settings: ChannelSettings()).route(
            DeliveryFixtures.notification(DeliveryFixtures.alert(severity: .medium)), to: sarah,
            now: DeliveryFixtures.t0)
        #expect(plan.items.map(\.channel) == [.slack])
    }

    @Test func aResolvedNotificationResolvesOnPagerDuty() {
        let alert = DeliveryFixtures.alert(state: .resolved)
        let plan = DeliveryRouter(settings: everything).route(
            DeliveryFixtures.notification(alert, reason: .resolved), to: DeliveryFixtures.sarah,
            now: DeliveryFixtures.t0)
        #expect(plan.items.map(\.action) == ["resolved", "resolve", "resolved"])
    }

    @Test func lowSeverityGoesNowhereWithStandardPreferencesAndWherePersonalOnesSay() {
        let low = DeliveryFixtures.notification(DeliveryFixtures.alert(severity: .low))
        let router = DeliveryRouter(settings: everything)
        #expect(router.route(low, to: DeliveryFixtures.sarah, now: DeliveryFixtures.t0).items.isEmpty)
        var custom = DeliveryFixtures.sarah
        custom.preferences = DeliveryPreferences(
            critical: [.pagerduty], high: [.email], medium: [.webhook], low: [.webhook, .webhook])
        #expect(router.route(low, to: custom, now: DeliveryFixtures.t0).items.map(\.channel) == [.webhook])
    }

    @Test func theDirectoryPrefersTheLinkedUserAndFallsBackToTheRep() {
        let rep = Rep(id: "rep_12", name: "Sarah Johnson", email: "sarah@crm.example.com", timeZone: "Europe/Berlin")
        let other = Rep(id: "rep_13", name: "Tom", email: "tom@crm.example.com")
        let user = User(
            id: "u1", name: "Sarah J.", email: "sarah@example.com", role: .rep, rep: "rep_12",
            timeZone: "America/New_York",
            preferences: DeliveryPreferences(
                critical: [.email], high: [], medium: [], low: [], slackWebhook: "http://x"),
            createdAt: DeliveryFixtures.t0)
        let directory = RecipientDirectory(users: [user], reps: [rep, other])
        let sarah = directory.recipient(rep: "rep_12")
        #expect(sarah?.email == "sarah@example.com")
        #expect(sarah?.timeZone == "America/New_York")
        #expect(sarah?.slackWebhook == "http://x")
        #expect(sarah?.id == "rep_12")
        let tom = directory.recipient(rep: "rep_13")
        #expect(tom?.email == "tom@crm.example.com")
        #expect(tom?.preferences == .standard)
        #expect(directory.recipient(rep: "rep_99") == nil)
        var disabled = user
        disabled.disabled = true
        #expect(
            RecipientDirectory(users: [disabled], reps: [rep]).recipient(rep: "rep_12")?.email
                == "sarah@crm.example.com")
    }
}
