/// What happens to one B2B opportunity beyond the random pipeline walk: the situations the demo plants so that the
/// built-in alert rules have something true to say, each on a few deals only.
enum DemoOpportunityStory: Hashable, Sendable {
    /// The random walk through the stages, worked on until it closes.
    case ordinary
    /// Only the champion ever takes part: a single-threaded deal.
    case singleThreaded
    /// Stuck for weeks in Proposal or Negotiation, expected close passed, and silent.
    case stuck
    /// A new prospect without an amount yet who stopped answering two to three weeks ago.
    case goneDark
    /// Early-stage deal whose expected close is within the next two weeks, with no budget approval.
    case closingSoon
    /// A large inbound request that arrived in the last day.
    case newInbound
    /// A new deal this week from a weak source, small and in a weak industry (low DQS).
    case weakNewDeal
    /// A closed-lost deal of the same weak kind, earlier in the year (gives the weak cell its low win rate).
    case weakHistory
    /// A healthcare deal that closed in the last 30 days (budgets froze: most were lost), or the 30 days before.
    case healthcareSlump(recent: Bool, won: Bool)
    /// A retail deal won in the last seven days (retailers buying before their busy season).
    case retailWin
    /// An active mid-market or enterprise deal that entered its stage days ago, where the buyer just said `signal`.
    case signal(DemoDealText.Signal)

    /// The story of opportunity `index` of `count`: fixed stories for the first 50 indices, so every run of the
    /// default size (and any run of at least 50 opportunities) holds each situation; random ones after that.
    static func story(index: Int, count: Int, roll: Double) -> DemoOpportunityStory {
        guard count >= 50 else { return roll < 0.07 ? .singleThreaded : .ordinary }
        switch index {
        case 0: return .newInbound
        case 1, 2: return .stuck
        case 3: return .goneDark
        case 4, 5: return .closingSoon
        case 6...11: return .weakNewDeal
        case 12...15: return .weakHistory
        // 12 healthcare deals closed in the last 30 days, 3 won; 8 in the 30 days before, 5 won.
        case 16...27: return .healthcareSlump(recent: true, won: index < 19)
        case 28...35: return .healthcareSlump(recent: false, won: index < 33)
        case 36...41: return .retailWin
        case 42..<(42 + DemoDealText.Signal.allCases.count): return .signal(DemoDealText.Signal.allCases[index - 42])
        default: return roll < 0.07 ? .singleThreaded : .ordinary
        }
    }
}
