import Foundation

/// The row-level data-quality gates of sales-intelligence-design.md §2.2, as pure functions.
///
/// `check` either returns the record (possibly corrected, with the corrections made) or throws the gate
/// that refused it. Batch-level gates (duplicates, references) live in `BatchBuilder`.
public enum QualityGates {
    /// A correction a gate made, before it is tied to a source file and line.
    public struct Fix: Hashable, Sendable {
        public var field: String
        public var from: String
        public var to: String
        public var reason: String
    }

    /// Runs the gates that need only the record itself. `label` turns a field name into the input's name for it.
    public static func check(
        _ record: BuiltRecord, catalogues: [String: StageCatalogue], label: (String) -> String
    ) throws(FieldError) -> (record: BuiltRecord, fixes: [Fix]) {
        switch record.payload {
        case .deal(var deal):
            let fixes = try checkDeal(
                &deal, statedCycleDays: record.statedCycleDays, catalogues: catalogues, label: label)
            return (BuiltRecord(payload: .deal(deal), statedCycleDays: record.statedCycleDays), fixes)
        case .stageChange(let change):
            if !catalogues.values.contains(where: { $0.stage(change.stage) != nil }) {
                throw FieldError(
                    field: label("stage"), gate: .outcome,
                    reason: "'\(change.stage)' is not a stage of any pipeline"
                        + suggestion(change.stage, catalogues.values.flatMap { $0.stages.map(\.key) }))
            }
        case .ticket(let ticket):
            if let closedAt = ticket.closedAt, closedAt < ticket.openedAt {
                throw FieldError(
                    field: label("closedAt"), gate: .dateLogic,
                    reason: "closedAt \(ISODate.format(closedAt)) is before openedAt \(ISODate.format(ticket.openedAt))"
                )
            }
        case .subscription(let subscription):
            if let endDate = subscription.endDate, endDate < subscription.startDate {
                throw FieldError(
                    field: label("endDate"), gate: .dateLogic,
                    reason: "endDate \(ISODate.format(endDate)) is before startDate "
                        + ISODate.format(subscription.startDate))
            }
        default:
            break
        }
        return (record, [])
    }

    private static func suggestion(_ text: String, _ names: [String]) -> String {
        NameSuggestion.nearest(to: text, in: names).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Deal gates: known pipeline and stages, outcome agrees with the stage, closed deals have a close date and
    /// (when won) an amount, close not before creation, stated sales cycle agrees with the dates.
    static func checkDeal(
        _ deal: inout Deal, statedCycleDays: Int?, catalogues: [String: StageCatalogue], label: (String) -> String
    ) throws(FieldError) -> [Fix] {
        guard let catalogue = catalogues[deal.pipeline] else {
            throw FieldError(
                field: label("pipeline"), gate: .outcome,
                reason: "unknown pipeline '\(deal.pipeline)'; known: "
                    + catalogues.keys.sorted().joined(separator: ", "))
        }
        let keys = catalogue.stages.map(\.key)
        guard let stage = catalogue.stage(deal.stage) else {
            throw FieldError(
                field: label("stage"), gate: .outcome,
                reason: "'\(deal.stage)' is not a stage of the \(catalogue.id) pipeline ("
                    + keys.joined(separator: ", ") + ")" + suggestion(deal.stage, keys))
        }
        for entry in deal.stageHistory where catalogue.stage(entry.stage) == nil {
            throw FieldError(
                field: label("stageHistory"), gate: .outcome,
                reason: "'\(entry.stage)' is not a stage of the \(catalogue.id) pipeline"
                    + suggestion(entry.stage, keys))
        }
        switch (stage.category, deal.outcome) {
        case (.open, .some(let outcome)):
            throw FieldError(
                field: label("outcome"), gate: .outcome,
                reason: "outcome '\(outcome.rawValue)' but stage '\(deal.stage)' is still open")
        case (.won, .some(.lost)), (.lost, .some(.won)):
            throw FieldError(
                field: label("outcome"), gate: .outcome,
                reason: "outcome '\(deal.outcome!.rawValue)' contradicts stage '\(deal.stage)'")
        case (.won, nil), (.lost, nil):
            throw FieldError(
                field: label("outcome"), gate: .criticalNull,
                reason: "closed deal (stage \(deal.stage)) has no outcome; use won or lost")
        default:
            break
        }
        if deal.isClosed && deal.closedAt == nil {
            throw FieldError(field: label("closedAt"), gate: .criticalNull, reason: "closed deal has no closedAt")
        }
        if deal.outcome == .won && deal.amountCents == nil {
            throw FieldError(field: label("amountCents"), gate: .criticalNull, reason: "won deal has no amount")
        }
        var fixes: [Fix] = []
        if let stated = statedCycleDays, let closedAt = deal.closedAt {
            if let createdAt = deal.createdAt {
                let actual = Days.between(createdAt, closedAt)
                if actual != stated {
                    fixes.append(
                        Fix(
                            field: "salesCycleDays", from: String(stated), to: String(actual),
                            reason: "stated sales cycle disagrees with createdAt → closedAt; the dates win"))
                }
            } else {
                let created = closedAt.addingTimeInterval(-Double(stated) * 86_400)
                deal.createdAt = created
                fixes.append(
                    Fix(
                        field: "createdAt", from: "", to: ISODate.format(created),
                        reason: "createdAt was empty; derived as closedAt − \(stated) stated sales-cycle days"))
            }
        }
        if let createdAt = deal.createdAt, let closedAt = deal.closedAt, closedAt < createdAt {
            throw FieldError(
                field: label("closedAt"), gate: .dateLogic,
                reason: "closedAt \(ISODate.format(closedAt)) is before createdAt \(ISODate.format(createdAt))")
        }
        return fixes
    }
}
