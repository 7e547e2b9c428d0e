import Foundation
import PulseCore

extension StoreError {
    /// An audit line, notification or feedback names an alert that is neither stored nor in the same change set.
    public static func unknownAlert(_ alert: Alert.ID, record: String) -> StoreError {
        StoreError(
            code: "unknown_alert",
            message: "The \(record) for alert \(alert.rawValue) names an alert that is not stored. "
                + "Save the alert in the same change set (or before) as its \(record); nothing was saved.")
    }

    /// A record of one tenant names an alert (or replaces one) that belongs to another tenant.
    public static func alertTenantMismatch(_ alert: Alert.ID, stored: String, given: String, record: String)
        -> StoreError
    {
        StoreError(
            code: "alert_tenant_mismatch",
            message: "The \(record) for alert \(alert.rawValue) is for tenant \(given), but the stored alert "
                + "belongs to tenant \(stored). Alerts never move between tenants; nothing was saved.")
    }

    /// An alert change set could not be written; the transaction was rolled back.
    public static func alertSaveFailed(_ path: String, reason: String) -> StoreError {
        StoreError(
            code: "write_failed",
            message: "Could not save alert changes to \(path): \(reason). Nothing of this change set was stored; "
                + "fix the cause and run the same command again.")
    }
}
