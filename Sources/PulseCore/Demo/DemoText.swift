/// Subject lines, e-mail bodies and call notes of the demo, with the phrases keyword rules look for.
enum DemoText {
    static let prospectingSubjects = [
        "Growing your partner programme", "Quick question about {company}'s partner network",
        "Idea for {company}", "Following up: partner introductions", "Reaching more buyers through your partners",
    ]
    static let prospectingBodies = [
        "Hi {first}, we help organisations like {company} introduce their partners to new buyers. Worth a 20-minute call?",
        "Hi {first}, following up on my note last week. Teams similar to {company} saw new revenue within a month.",
        "Hi {first}, would you be open to a short discovery call next week to see if this fits {company}?",
    ]
    static let replyBookings = [
        "Happy to chat — Tuesday afternoon works. Please send an invite.",
        "Thanks for reaching out. Let's talk; my assistant will find a slot.",
        "Sounds interesting. Can we do a call next week? Loop in our partnerships lead.",
    ]
    static let callNotes = [
        "Discovery call: {company} runs a partner network of about {size} firms. Pain: low engagement with partners. "
            + "Next step: proposal.",
        "Good call with {first}. Current tooling is spreadsheets; they looked at {competitor} last year. "
            + "Interested, wants pricing.",
        "Call conducted. Decision maker is the COO; purchasing signs off above 10k. Budget cycle starts next quarter.",
        "Strong fit. {first} asked how our price compares with {competitor}; agreed to review a proposal.",
    ]
    static let coldCallNotes = [
        "Spoke with {first} at {company}; not a priority this quarter.",
        "{first} asked for information by email; follow up in two weeks.",
        "Reached the front desk; left a message for the partnerships lead.",
        "{first} is interested but already working with {competitor}.",
        "Wrong contact; {first} passed on the name of their head of partnerships.",
    ]
    static let noShowSubjects = ["Sorry we missed you", "Rescheduling our call", "Missed you today"]
    static let followUpSubjects = ["Next steps", "Checking in", "Any thoughts?", "Recap from our call"]
    static let followUpBodies = [
        "Hi {first}, thanks again for your time. Here is a recap and the next steps we discussed.",
        "Hi {first}, just checking in on the proposal. Happy to walk your team through it.",
        "Hi {first}, any update on timing? I can hold the launch slot until Friday.",
    ]
    static let objections = [
        "Honestly the price is higher than we expected; {competitor} quoted us less. Pricing concerns on our side.",
        "Not a priority this quarter, let's reconnect in the new year.",
        "We are also evaluating {competitor}. What makes you different?",
        "Procurement needs three quotes before we can move forward.",
        "Can you send over the security questionnaire and your data-processing agreement?",
        "Our legal review will take a couple of weeks; please send the contract draft.",
    ]
    static let proposalSubjects = ["Proposal for {company}", "Partner programme proposal", "Your tailored proposal"]
    static let proposalBodies = [
        "Hi {first}, attached is the proposal for a partner list-out to your {size} partners, with pricing and timing.",
        "Hi {first}, as promised: proposal, timeline and two case studies from your sector.",
    ]
    static let agreementBodies = [
        "Good news — budget approved. We'd like to go ahead; our partner list will follow.",
        "We're happy to proceed. Legal review is done and the contract is signed.",
        "Budget approved by the board. Please send the onboarding steps.",
    ]
    static let overdueBodies = [
        "Sorry for the delay on the partner list, it is waiting on internal sign-off.",
        "When do you need the partner list by? We are still cleaning the contacts.",
    ]
    static let listOutSubjects = ["Introducing {company}'s new partner offer", "An offer for {company} partners"]
    static let partnerReplies = [
        "Thanks for the introduction — yes, let's set up a call.",
        "Interested. Can you share pricing and a reference customer?",
        "Not for us right now, thanks.",
        "Forwarded to our procurement team; they will be in touch.",
    ]
    static let saleNotes = ["Sale closed from the partner list-out.", "Partner signed; invoice sent.", "Closed won."]
    static let b2bEmailsIn = [
        "Budget approved for this quarter; please send the order form.",
        "Can you send over the security questionnaire before we continue?",
        "Procurement has asked for a discount; we have a competing offer from {competitor}.",
        "Legal review is under way, expect redlines this week.",
        "We have pricing concerns, the quote is above what we planned.",
        "Looks good. Let's schedule a demo for the wider team.",
    ]
    static let b2bEmailsOut = [
        "Hi {first}, attached is the updated quote and implementation plan.",
        "Hi {first}, following up after the demo — any questions from your team?",
        "Hi {first}, I've shared the security questionnaire answers and our SOC 2 report.",
    ]
    static let csCheckIns = [
        "Hi {first}, it's been a while since we spoke. Could we book 30 minutes to review how {company} uses the product?",
        "Hi {first}, your renewal is coming up. Are there any blockers we can help with?",
        "Hi {first}, we noticed fewer logins from your team recently. Anything we can do to help?",
    ]
    static let csReplies = [
        "Thanks, things are going well. We'd like to add more seats next quarter.",
        "Happy to meet. The team loves the reporting features.",
        "Good timing — we want to talk about expanding to our second office.",
    ]
    static let ticketSubjects = [
        "Cannot export report to CSV", "SSO login fails for some users", "Dashboard loads slowly",
        "Question about invoice", "Data sync stopped overnight", "API returns 500 errors", "How do I add a user?",
        "Permissions reset after update",
    ]
    static let churnReasons = ["Budget cuts", "Switched to competitor", "Low adoption", "Missing features"]
    static let churnFeedback = [
        "We could not get the team to use it consistently.", "Found a cheaper option.",
        "Needed deeper integrations with our ERP.", "Company restructuring, the budget was cut.",
    ]
    static let competitors = ["Acme CRM", "Salesforge", "PipeLine Pro", "HubTrack"]

    /// Fills `{first}`, `{company}`, `{size}` and `{competitor}` in a template (one pass, no Foundation).
    static func fill(
        _ template: String, first: String = "", company: String = "", size: Int = 0, competitor: String = ""
    ) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 40)
        var rest = template[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
            let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: "}"))
        {
            out += rest[..<open]
            switch rest[rest.utf8.index(after: open)..<close] {
            case "first": out += first
            case "company": out += company
            case "size": out += String(size)
            case "competitor": out += competitor
            default: out += rest[open...close]
            }
            rest = rest[rest.utf8.index(after: close)...]
        }
        out += rest
        return out
    }
}
