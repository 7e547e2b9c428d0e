import Foundation
import PulseCore

/// Failures of engine commands, each with a code and a sentence that says what to do.
public struct EngineError: Error, CustomStringConvertible, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func alertNotFound(_ reference: String, tenant: Tenant.ID) -> EngineError {
        EngineError(
            code: "alert_not_found",
            message:
                "There is no alert '\(reference)' in tenant \(tenant.rawValue). `pulse alerts --all` lists every alert "
                + "with its number.")
    }

    static func unknownRule(_ id: String) -> EngineError {
        EngineError(
            code: "unknown_rule",
            message: "Alert rule '\(id)' is not loaded; `pulse rules list` shows the loaded rules.")
    }

    static func silenceNotFound(_ id: String) -> EngineError {
        EngineError(
            code: "silence_not_found",
            message: "There is no silence '\(id)'; `pulse silence list --all` shows every silence with its id.")
    }
}
