import Foundation

/// Reads the CSV files written by `pandas_metrics.py --export` (no quoting, ISO-8601 UTC times, empty =
/// missing) into Pulse's model: b2b-pipeline deals with a stage history, and activity facts.
///
/// Mapping: stage names are the b2b catalogue keys; `proposal_at` and `negotiation_at` become entries into
/// Proposal and Negotiation; `stage_entered_at` is the entry into the current stage; Won/Lost set the outcome.
public enum PandasExport {
    /// The deal columns the reader needs.
    public static let dealColumns = [
        "deal_id", "rep_id", "industry", "region", "product", "lead_source", "amount", "created_at", "stage",
        "stage_entered_at", "closed_at", "proposal_at", "negotiation_at",
    ]
    /// The activity columns the reader needs.
    public static let activityColumns = ["deal_id", "rep_id", "kind", "occurred_at"]

    /// Parses deals.csv bytes; `file` names the file in error messages.
    public static func deals(_ bytes: [UInt8], file: String = "deals.csv") throws(PandasExportError) -> [Deal] {
        var deals: [Deal] = []
        try forEachRow(bytes, file: file, required: dealColumns) { (line: Int, f: Fields) throws(PandasExportError) in
            let id = try f.text("deal_id", line)
            guard !id.isEmpty else { throw PandasExportError.field(file, line, "deal_id", "is empty") }
            let stage = try f.text("stage", line)
            guard let definition = StageCatalogue.b2b.stage(stage) else {
                throw .field(file, line, "stage", "'\(stage)' is not a b2b stage (Prospecting … Won, Lost)")
            }
            let amountText = try f.text("amount", line)
            var amount: Int64?
            if !amountText.isEmpty {
                guard let cents = Int64(amountText) else {
                    throw .field(file, line, "amount", "'\(amountText)' is not a whole number of cents")
                }
                amount = cents
            }
            let entered = try f.date("stage_entered_at", line)
            let proposal = try f.date("proposal_at", line)
            let negotiation = try f.date("negotiation_at", line)
            var history: [StageChange] = []
            if let proposal, stage != "Proposal" { history.append(.init(stage: "Proposal", enteredAt: proposal)) }
            if let negotiation, stage != "Negotiation" {
                history.append(.init(stage: "Negotiation", enteredAt: negotiation))
            }
            let currentEntry = entered ?? (stage == "Proposal" ? proposal : stage == "Negotiation" ? negotiation : nil)
            if let currentEntry { history.append(.init(stage: stage, enteredAt: currentEntry)) }
            history.sort { $0.enteredAt < $1.enteredAt }
            let outcome: DealOutcome? =
                switch definition.category {
                case .won: .won
                case .lost: .lost
                case .open: nil
                }
            let rep = try f.text("rep_id", line)
            deals.append(
                Deal(
                    id: Deal.ID(id), owner: rep.isEmpty ? nil : Rep.ID(rep), pipeline: StageCatalogue.b2b.id,
                    stage: stage, stageHistory: history, amountCents: amount,
                    leadSource: try f.optionalText("lead_source", line), product: try f.optionalText("product", line),
                    industry: try f.optionalText("industry", line), region: try f.optionalText("region", line),
                    createdAt: try f.date("created_at", line), closedAt: try f.date("closed_at", line),
                    outcome: outcome))
        }
        return deals
    }

    /// Parses activities.csv bytes.
    public static func activities(
        _ bytes: [UInt8], file: String = "activities.csv"
    ) throws(PandasExportError) -> [ActivityFact] {
        var facts: [ActivityFact] = []
        facts.reserveCapacity(bytes.count / 45)
        let kinds = activityKinds()
        try forEachRow(bytes, file: file, required: activityColumns) {
            (line: Int, f: Fields) throws(PandasExportError) in
            facts.append(try activityFact(f, line: line, file: file, kinds: kinds))
        }
        return facts
    }

    /// Parses activities.csv bytes into full `Activity` records (id = `activity_id`), for writing to a store.
    public static func activityRecords(
        _ bytes: [UInt8], file: String = "activities.csv"
    ) throws(PandasExportError) -> [Activity] {
        var records: [Activity] = []
        records.reserveCapacity(bytes.count / 45)
        let kinds = activityKinds()
        try forEachRow(bytes, file: file, required: ["activity_id"] + activityColumns) {
            (line: Int, f: Fields) throws(PandasExportError) in
            let fact = try activityFact(f, line: line, file: file, kinds: kinds)
            let id = try f.text("activity_id", line)
            guard !id.isEmpty else { throw .field(file, line, "activity_id", "is empty") }
            records.append(
                Activity(
                    id: Activity.ID(id), kind: fact.kind, deal: fact.deal, rep: fact.rep, occurredAt: fact.occurredAt))
        }
        return records
    }

    /// Activity kinds by their CSV spelling.
    private static func activityKinds() -> [String: ActivityKind] {
        Dictionary(uniqueKeysWithValues: ActivityKind.allCases.map { ($0.rawValue, $0) })
    }

    /// The deal, rep, kind and time of one activities.csv row.
    private static func activityFact(
        _ f: Fields, line: Int, file: String, kinds: [String: ActivityKind]
    ) throws(PandasExportError) -> ActivityFact {
        let kindText = try f.text("kind", line)
        guard let kind = kinds[kindText] else {
            throw .field(file, line, "kind", "'\(kindText)' is not an activity kind (call_conducted, email_in, …)")
        }
        guard let at = try f.date("occurred_at", line) else {
            throw .field(file, line, "occurred_at", "is empty")
        }
        let deal = try f.text("deal_id", line)
        let rep = try f.text("rep_id", line)
        return ActivityFact(
            deal: deal.isEmpty ? nil : Deal.ID(deal), rep: rep.isEmpty ? nil : Rep.ID(rep), kind: kind, occurredAt: at)
    }

    /// The `now` written in meta.json.
    public static func now(metaJSON bytes: [UInt8], file: String = "meta.json") throws(PandasExportError) -> Date {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let key = text.range(of: "\"now\"") else { throw .field(file, 1, "now", "is missing") }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\"" }
        let value = Array(rest.prefix(20).utf8)
        guard let seconds = parseTime(value[...]) else {
            throw .field(file, 1, "now", "'\(String(decoding: value, as: UTF8.self))' is not YYYY-MM-DDTHH:MM:SSZ")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// "YYYY-MM-DDTHH:MM:SSZ" to epoch seconds, nil when malformed.
    public static func parseTime(_ b: ArraySlice<UInt8>) -> Int64? {
        guard b.count == 20 else { return nil }
        let s = b.startIndex
        func num(_ from: Int, _ len: Int) -> Int64? {
            var v: Int64 = 0
            for k in 0..<len {
                let c = b[s + from + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard b[s + 4] == 45, b[s + 7] == 45, b[s + 10] == 84, b[s + 13] == 58, b[s + 16] == 58, b[s + 19] == 90,
            let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
            let se = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 60
        else { return nil }
        return UTCCalendar.dayNumber(year: y, month: mo, day: d) * Days.seconds + h * 3600 + mi * 60 + se
    }

    /// The fields of one CSV row, by column name.
    struct Fields {
        let file: String
        let columns: [String: Int]
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []

        func slice(_ name: String, _ line: Int) throws(PandasExportError) -> ArraySlice<UInt8> {
            let i = columns[name]!
            guard i < starts.count else {
                throw .field(file, line, name, "is missing: the row has \(starts.count) fields")
            }
            return bytes[starts[i]..<ends[i]]
        }

        func text(_ name: String, _ line: Int) throws(PandasExportError) -> String {
            String(decoding: try slice(name, line), as: UTF8.self)
        }

        func optionalText(_ name: String, _ line: Int) throws(PandasExportError) -> String? {
            let t = try text(name, line)
            return t.isEmpty ? nil : t
        }

        func date(_ name: String, _ line: Int) throws(PandasExportError) -> Date? {
            let s = try slice(name, line)
            if s.isEmpty { return nil }
            guard let t = PandasExport.parseTime(s) else {
                throw .field(
                    file, line, name, "'\(String(decoding: s, as: UTF8.self))' is not a time like 2025-06-30T00:00:00Z")
            }
            return Date(timeIntervalSince1970: TimeInterval(t))
        }
    }

    static func forEachRow(
        _ bytes: [UInt8], file: String, required: [String],
        _ body: (Int, Fields) throws(PandasExportError) -> Void
    ) throws(PandasExportError) {
        guard !bytes.isEmpty else { throw .field(file, 1, "header", "the file is empty") }
        var pos = 0
        var line = 0
        var fields = Fields(file: file, columns: [:], bytes: bytes)
        func split() -> Bool {
            guard pos < bytes.count else { return false }
            fields.starts.removeAll(keepingCapacity: true)
            fields.ends.removeAll(keepingCapacity: true)
            var start = pos
            while pos < bytes.count && bytes[pos] != 10 {
                if bytes[pos] == 44 {
                    fields.starts.append(start)
                    fields.ends.append(pos)
                    start = pos + 1
                }
                pos += 1
            }
            var end = pos
            if end > start && bytes[end - 1] == 13 { end -= 1 }
            fields.starts.append(start)
            fields.ends.append(end)
            pos += 1
            line += 1
            return true
        }
        _ = split()
        var columns: [String: Int] = [:]
        for (i, (s, e)) in zip(fields.starts, fields.ends).enumerated() {
            columns[String(decoding: bytes[s..<e], as: UTF8.self)] = i
        }
        for name in required where columns[name] == nil {
            throw .field(file, 1, name, "column is missing from the header")
        }
        fields = Fields(file: file, columns: columns, bytes: bytes, starts: fields.starts, ends: fields.ends)
        while split() {
            if fields.starts.count == 1 && fields.ends[0] == fields.starts[0] { continue }  // blank line
            try body(line, fields)
        }
    }
}
