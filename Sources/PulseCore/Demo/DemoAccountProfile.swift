/// How a demo customer's engagement develops over the last 90 days.
public enum DemoAccountProfile: String, Sendable, Hashable, CaseIterable {
    /// Steady use.
    case stable
    /// Use falls over the last 45 days, support tickets spike, e-mails go unanswered.
    case declining
    /// Use and breadth of features grow; the customer asks for more seats.
    case expanding
    /// The customer left during the window (a `ChurnEvent`); engagement stops then.
    case churned
}
