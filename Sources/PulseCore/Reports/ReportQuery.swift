import Foundation

/// The filters every reporting endpoint and scheduled report takes: a date range [from, to), the reps to
/// include (nil = everyone the caller may see) and a category (a deal's industry or product, an alert's category).
public struct ReportQuery: Hashable, Sendable, Codable {
    /// First instant inside the range.
    public var from: Date
    /// First instant after the range; "as of" time for forward-looking reports (pipeline health, health scores).
    public var to: Date
    /// Only these reps' records; nil means no rep filter.
    public var reps: Set<Rep.ID>?
    /// Only records of this category (case-insensitive); nil means every category.
    public var category: String?

    public init(from: Date, to: Date, reps: Set<Rep.ID>? = nil, category: String? = nil) {
        self.from = from
        self.to = to
        self.reps = reps
        self.category = category
    }

    /// The range as a metrics window.
    public var window: TimeWindow { TimeWindow(start: from, end: to) }

    /// The default range: the 30 days before `now`.
    public static func lastDays(_ days: Int, before now: Date) -> ReportQuery {
        ReportQuery(from: now.addingTimeInterval(-Double(days) * 86_400), to: now)
    }

    /// The same query limited to `visible` reps (RBAC): nil keeps it as is; otherwise the rep filter becomes the
    /// asked reps the caller may see, or all of `visible` when none of them is (a rep asking for another rep gets
    /// only their own records).
    public func restricted(to visible: Set<Rep.ID>?) -> ReportQuery {
        guard let visible else { return self }
        var copy = self
        let allowed = reps.map { $0.intersection(visible) } ?? visible
        copy.reps = allowed.isEmpty ? visible : allowed
        return copy
    }

    /// True when `rep` passes the rep filter (an unknown rep passes only without one).
    public func includes(rep: Rep.ID?) -> Bool {
        guard let reps else { return true }
        guard let rep else { return false }
        return reps.contains(rep)
    }

    /// True when `value` matches the category filter (or there is none).
    public func matches(category value: String?) -> Bool {
        guard let category, !category.isEmpty else { return true }
        guard let value else { return false }
        return value.caseInsensitiveCompare(category) == .orderedSame
    }
}
