import Foundation

extension StoreError {
    /// A user, token, audit, outbox or cursor write could not be made; the transaction was rolled back.
    public static func serverWriteFailed(_ path: String, what: String, reason: String) -> StoreError {
        StoreError(
            code: "write_failed",
            message: "Could not save \(what) to \(path): \(reason). Nothing of it was stored; "
                + "fix the cause and try again.")
    }

    /// A token's secret hash is already used by another token (hashes are unique across tenants).
    public static func tokenHashTaken(_ token: String) -> StoreError {
        StoreError(
            code: "token_hash_taken",
            message: "Token \(token) has the same secret hash as another stored token. "
                + "Generate a new secret for it; nothing was saved.")
    }
}
