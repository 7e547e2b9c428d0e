import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertFingerprintTests {
    let entity = EntityRef(.deal, "D04523")

    @Test func fnv1aMatchesThePublishedTestVector() {
        var hash = FNV1a64()
        hash.add(byte: UInt8(ascii: "a"))
        #expect(hash.hex == "af63dc4c8601ec8c")
        #expect(FNV1a64().hex == "cbf29ce484222325")
    }

    @Test func theSameInputGivesTheSameSixteenHexDigitsOnEveryPlatform() {
        // Values computed independently (Python) from the documented canonical form.
        #expect(
            AlertFingerprint.make(tenant: "default", rule: "stalled-deal", entity: entity, labels: [:])
                == "588611b1eee3ecd1")
        #expect(
            AlertFingerprint.make(tenant: "default", rule: "stalled-deal", entity: entity, labels: ["team": "emea"])
                == "44e31e2c70a7b866")
        let print = AlertFingerprint.make(tenant: "default", rule: "r", entity: entity, labels: ["a": "1"])
        #expect(print.count == 16)
        #expect(print.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func labelOrderDoesNotMatter() {
        var first: [String: String] = [:]
        first["team"] = "emea"
        first["region"] = "eu"
        var second: [String: String] = [:]
        second["region"] = "eu"
        second["team"] = "emea"
        #expect(
            AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: first)
                == AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: second))
    }

    @Test func anyDifferenceInTenantRuleEntityOrLabelsGivesAnotherFingerprint() {
        let base = AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: ["team": "emea"])
        let variants = [
            AlertFingerprint.make(tenant: "u", rule: "r", entity: entity, labels: ["team": "emea"]),
            AlertFingerprint.make(tenant: "t", rule: "s", entity: entity, labels: ["team": "emea"]),
            AlertFingerprint.make(tenant: "t", rule: "r", entity: EntityRef(.deal, "D04524"), labels: ["team": "emea"]),
            AlertFingerprint.make(
                tenant: "t", rule: "r", entity: EntityRef(.account, "D04523"), labels: ["team": "emea"]),
            AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: ["team": "apac"]),
            AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: [:]),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
    }

    @Test func theSeparatorKeepsShiftedBoundariesApart() {
        #expect(
            AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: ["a": "bc"])
                != AlertFingerprint.make(tenant: "t", rule: "r", entity: entity, labels: ["ab": "c"]))
        #expect(
            AlertFingerprint.make(tenant: "t", rule: "ab", entity: entity, labels: [:])
                != AlertFingerprint.make(tenant: "ta", rule: "b", entity: entity, labels: [:]))
    }

    @Test func theBookFingerprintsByStaticLabelsOnlySoAnOwnerChangeKeepsTheAlert() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        h.process([AF.firing(AF.stalled, at: AF.at(hours: 1), match: AF.match(owner: "rep_7"))], at: AF.at(hours: 1))
        #expect(h.alerts.count == 1)
        #expect(h.alerts[0].owner == "rep_7")
        #expect(h.alerts[0].labels["owner"] == "rep_7")
        #expect(
            h.alerts[0].fingerprint
                == AlertFingerprint.make(tenant: "default", rule: "stalled-deal", entity: AF.deal("D1"), labels: [:]))
        #expect(h.audit.contains { $0.action == .updated && $0.detail == "owner changed from rep_12 to rep_7" })
    }
}
