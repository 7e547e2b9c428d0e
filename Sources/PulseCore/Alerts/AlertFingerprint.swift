import Foundation

/// The identity of an alert: a 16-hex-digit FNV-1a 64 hash of tenant, rule, entity and the rule's static labels.
///
/// Same input, same fingerprint on every platform (the hash runs over UTF-8 bytes, not `Hasher`).
public enum AlertFingerprint {
    /// Hashes the canonical form `tenant␣<t>␣rule␣<r>␣entity␣<scope:id>␣` followed by every label as
    /// `<name>␣<value>␣` in name order, where `␣` is the byte 0xFF (never part of UTF-8 text, so no two different
    /// inputs make the same byte string — Prometheus' `labelSetToFingerprint` uses the same separator).
    public static func make(tenant: Tenant.ID, rule: Rule.ID, entity: EntityRef, labels: [String: String]) -> String {
        var hash = FNV1a64()
        for part in ["tenant", tenant.rawValue, "rule", rule, "entity", entity.description] {
            hash.add(part)
        }
        for name in labels.keys.sorted() {
            hash.add(name)
            hash.add(labels[name] ?? "")
        }
        return hash.hex
    }
}
