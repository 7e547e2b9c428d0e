import PulseCore

/// What became of one line posted to `POST /api/events`.
public struct EventLineResult: Codable, Sendable, Equatable {
    /// Each line's fate: stored, already stored (same event id), quarantined by a data-quality gate (kept in the
    /// quarantine table, `pulse quarantine`), or rejected outright (not stored anywhere, e.g. another tenant).
    public enum Status: String, Codable, Sendable, CaseIterable {
        case accepted, duplicate, quarantined, rejected
    }

    /// 1-based line of the body (1 for a single JSON event).
    public var line: Int
    public var status: Status
    /// The event id, when the line had one.
    public var id: String?
    public var error: APIError.Detail?

    public init(line: Int, status: Status, id: String? = nil, error: APIError.Detail? = nil) {
        self.line = line
        self.status = status
        self.id = id
        self.error = error
    }
}

/// The answer of `POST /api/events`: a result per non-blank line, totals, and what the alert engine did.
public struct EventIngestResponse: Codable, Sendable, Equatable {
    /// Lines per status.
    public struct Totals: Codable, Sendable, Equatable {
        public var lines = 0
        public var accepted = 0
        public var duplicate = 0
        public var quarantined = 0
        public var rejected = 0
    }

    /// Alerts the ingest opened or resolved (by number).
    public struct Alerts: Codable, Sendable, Equatable {
        public var opened: [Int64] = []
        public var resolved: [Int64] = []
    }

    public var results: [EventLineResult]
    public var totals: Totals
    public var alerts: Alerts
}
