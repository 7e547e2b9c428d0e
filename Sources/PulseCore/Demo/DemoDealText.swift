/// E-mail and call-note text of the B2B opportunities: plain working messages, and the buying signals and risks
/// the built-in rules look for, each kind in its own list so the demo decides how often a phrase is said.
enum DemoDealText {
    /// A buying signal or risk a message can carry.
    enum Signal: CaseIterable {
        case competitor, budgetConcern, technicalEvaluation, procurement, roi, legal, budgetApproved
        case technicalValidation
    }

    /// Everyday messages that carry no signal (a test checks they hold none of the rules' phrases).
    static let neutralOut = [
        "Hi {first}, thanks for your time today. Here is a short recap and the next steps we agreed.",
        "Hi {first}, sharing the slides from our session and two customer stories from your sector.",
        "Hi {first}, just checking in. Is there anything your team needs from us before we meet again?",
        "Hi {first}, I have put together the implementation timeline we discussed; happy to walk through it.",
        "Hi {first}, great to speak earlier. I'll send the updated quote once you confirm the seat count.",
    ]
    static let neutralIn = [
        "Thanks, this is helpful. I'll share it with the team and come back to you next week.",
        "Quick update from our side: we are collecting requirements from the regional leads.",
        "Can we move our call to Thursday? Something came up on Tuesday.",
        "Looks good. Could you add the onboarding plan to the next version?",
    ]
    static let neutralCalls = [
        "Call with {first}: walked through reporting needs and the rollout plan. Next step agreed.",
        "Weekly check-in with {first}. Requirements are stable; they want a go-live before quarter end.",
        "Call with {first} and team: questions on user roles and data import, answered on the call.",
    ]

    /// Messages that carry `signal`, from the buyer (or the rep's notes of what the buyer said).
    static func texts(_ signal: Signal) -> [String] {
        switch signal {
        case .competitor:
            [
                "We are also evaluating other vendors, {competitor} among them; their demo is next week.",
                "Candidly, {competitor} came in lower. What makes you different from that competitor?",
                "Our IT lead wants to switch to {competitor} if the integration takes too long.",
            ]
        case .budgetConcern:
            [
                "Finance has announced a budget freeze until next quarter, so timing is unclear.",
                "Honestly the quote is too expensive for us at this seat count.",
                "We are over budget for this year; can we phase the rollout?",
            ]
        case .technicalEvaluation:
            [
                "Before we go further our architects want a technical evaluation with a sandbox.",
                "Could we run a proof of concept with our own data for two weeks?",
                "Our security team needs a security review before any contract; please send the questionnaire.",
            ]
        case .procurement:
            [
                "I've looped in procurement; they will send the vendor onboarding form.",
                "Procurement needs three quotes and a purchase order number before signature.",
            ]
        case .roi:
            [
                "Can you help us put together a business case for the leadership team?",
                "The CFO asked for an ROI estimate and the payback period before approving.",
            ]
        case .legal:
            [
                "Our legal review has started; expect redlines on the MSA this week.",
                "Legal sent back their redlines on liability and data processing.",
            ]
        case .budgetApproved:
            [
                "Good news: the budget is approved for this quarter. Please send the order form.",
                "Budget approved by the leadership team yesterday, we can move to paperwork.",
            ]
        case .technicalValidation:
            [
                "Technical validation complete: the pilot met every success criterion.",
                "Our architects gave their technical sign-off after the pilot.",
            ]
        }
    }

    /// The stage in which a buyer typically says `signal` (B2B catalogue keys).
    static func stage(of signal: Signal) -> String {
        switch signal {
        case .competitor, .technicalEvaluation: "Qualified"
        case .budgetConcern, .roi, .technicalValidation: "Proposal"
        case .procurement, .legal, .budgetApproved: "Negotiation"
        }
    }

    /// The signals a buyer plausibly raises in a stage (B2B catalogue keys).
    static func signals(inStage stage: String) -> [Signal] {
        switch stage {
        case "Prospecting": [.competitor, .budgetConcern, .roi]
        case "Qualified": [.technicalEvaluation, .roi, .competitor, .budgetConcern]
        case "Proposal": [.technicalEvaluation, .procurement, .roi, .technicalValidation, .budgetConcern, .competitor]
        default: [.legal, .procurement, .budgetApproved, .technicalValidation]
        }
    }

    /// Relative weights of `signals(inStage:)`: risks are said less often than interest.
    static func weights(_ signals: [Signal]) -> [Double] {
        signals.map { signal in
            switch signal {
            case .competitor: 1
            case .budgetConcern: 1.2
            default: 2
            }
        }
    }

    /// Loss reasons of deals that ended with a budget freeze.
    static let freezeLosses = [
        "Finance froze all new software budgets for the rest of the year.",
        "The hospital trust paused every non-clinical purchase; budget freeze until next year.",
    ]
    /// The first message of an inbound request.
    static let inboundRequests = [
        "Hello, we are {company} and we'd like to roll Pulse out to our whole sales organisation (about 400 users). "
            + "Could someone call us this week about pricing and timing?",
        "Hi, {company} here. We're replacing our current tool across three regions and your platform was "
            + "recommended to us. Can we talk this week?",
    ]
    /// Titles of the buying-committee roles, in the order people join a deal.
    static let titles: [StakeholderRole: [String]] = [
        .champion: ["Head of Sales Operations", "Revenue Operations Manager", "Director of Sales"],
        .economicBuyer: ["CFO", "VP Finance", "Chief Revenue Officer"],
        .technical: ["IT Manager", "Solutions Architect", "Head of IT"],
        .decisionMaker: ["COO", "VP Sales", "Managing Director"],
        .procurement: ["Procurement Manager", "Purchasing Lead"],
        .legal: ["Legal Counsel", "Contracts Manager"],
        .user: ["Sales Manager", "Account Manager", "Sales Analyst"],
    ]
}
