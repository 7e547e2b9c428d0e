import Foundation

extension CompiledMapping {
    /// A record made from a CSV row; `derived` records (from `also:`) merge silently when repeated.
    public struct RowRecord: Hashable, Sendable {
        public var record: BuiltRecord
        public var derived: Bool
    }

    /// Reads one data row into its record(s); throws the first field at fault.
    public func records(
        from row: CSVRecord, tenant: Tenant.ID, catalogues: [String: StageCatalogue] = StageCatalogue.builtIn
    ) throws(FieldError) -> [RowRecord] {
        if let problem = row.problem { throw FieldError(field: nil, gate: .parse, reason: problem) }
        guard row.fields.count == header.count else {
            throw FieldError(
                field: nil, gate: .parse,
                reason: "the row has \(row.fields.count) field(s) but the header has \(header.count)")
        }
        var source = MappedFields(fields: main.fields, row: row.fields)
        var built = try main.entity.build(from: &source, tenant: tenant)
        if case .deal(var deal) = built.payload {
            try complete(&deal, row: row.fields, mapsOutcome: main.fields["outcome"] != nil, catalogues: catalogues)
            built.payload = .deal(deal)
        }
        var result = [RowRecord(record: built, derived: false)]
        for target in derived {
            var derivedSource = MappedFields(fields: target.fields, row: row.fields)
            result.append(
                RowRecord(record: try target.entity.build(from: &derivedSource, tenant: tenant), derived: true))
        }
        return result
    }

    /// Deals from CSV: stage history from dated columns, the closing stage entered at `closedAt`, and the
    /// outcome taken from the stage's category when the mapping does not map one.
    private func complete(
        _ deal: inout Deal, row: [String], mapsOutcome: Bool, catalogues: [String: StageCatalogue]
    ) throws(FieldError) {
        for entry in history {
            let text = row[entry.column].trimmedBlanks
            if text.isEmpty { continue }
            let date = try MappedFields.parseDate(
                text, pattern: entry.pattern, label: "\(header[entry.column]) (stageHistory \(entry.stage))")
            deal.stageHistory.append(StageChange(stage: entry.stage, enteredAt: date))
        }
        let category = catalogues[deal.pipeline]?.stage(deal.stage)?.category
        if !mapsOutcome, deal.outcome == nil {
            switch category {
            case .won: deal.outcome = .won
            case .lost: deal.outcome = .lost
            default: break
            }
        }
        if let closedAt = deal.closedAt, category == .won || category == .lost,
            !deal.stageHistory.contains(where: { $0.stage == deal.stage })
        {
            deal.stageHistory.append(StageChange(stage: deal.stage, enteredAt: closedAt))
        }
        deal.stageHistory.sort { $0.enteredAt < $1.enteredAt }
    }
}
