import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// `POST /api/events`: decodes a single JSON event or an NDJSON body line by line, runs the same data-quality gates
/// as `pulse ingest` (`EventDecoder` + `BatchBuilder` with the store's answers), and writes the batch through the
/// tenant's `AlertEngine` so alerts follow. The batch is committed before this returns.
struct EventIngestor {
    let store: ServerStore
    let engines: EngineRegistry

    /// Ingests `body` for `tenant`; lines naming another tenant are rejected. `source` names the caller in the
    /// quarantine table ("api:ana").
    func ingest(body: [UInt8], ndjson: Bool, tenant: Tenant.ID, source: String, now: Date) async throws
        -> EventIngestResponse
    {
        let lines = ndjson ? Self.lines(of: body) : Self.single(body)
        guard !lines.isEmpty else {
            throw APIError.badRequest(
                "empty_body", "The request body holds no event; send one JSON event or NDJSON lines.")
        }
        var builder = BatchBuilder(tenant: tenant)
        let file = builder.beginFile(source: source, format: "ndjson")
        let decoder = EventDecoder(defaultTenant: tenant)
        var results: [Int: EventLineResult] = [:]
        var eventOfLine: [Int: String] = [:]
        var lastLineOfEvent: [String: Int] = [:]
        for (number, text) in lines {
            let raw = String(text.prefix(500))
            do throws(FieldError) {
                let (event, stated) = try decoder.decode(line: text)
                guard event.tenant == tenant else {
                    results[number] = EventLineResult(
                        line: number, status: .rejected, id: event.id,
                        error: .init(
                            code: "wrong_tenant",
                            message: "The event names tenant '\(event.tenant.rawValue)', but this token belongs to "
                                + "tenant '\(tenant.rawValue)'; events are only accepted for the token's tenant.",
                            field: "tenant", line: number))
                    continue
                }
                builder.countRow(file: file)
                builder.add(
                    [(BuiltRecord(payload: event.payload, statedCycleDays: stated), false)], event: event, file: file,
                    line: number, raw: raw, label: { "payload." + $0 })
                eventOfLine[number] = event.id
                lastLineOfEvent[event.id] = number
            } catch {
                builder.countRow(file: file)
                builder.reject(error, file: file, line: number, raw: raw)
            }
        }
        let answers = try await store.answers(to: builder.storeQuestions)
        let batch = builder.finish(answers)
        for record in batch.quarantine {
            results[record.line] = EventLineResult(
                line: record.line, status: .quarantined, id: eventOfLine[record.line] ?? record.recordID,
                error: .init(
                    code: record.gate.rawValue, message: record.reason, field: record.field, line: record.line))
        }
        for (number, id) in eventOfLine where results[number] == nil {
            if answers.events.contains(id) || lastLineOfEvent[id] != number {
                results[number] = EventLineResult(
                    line: number, status: .duplicate, id: id,
                    error: .init(
                        code: "duplicate_event",
                        message: answers.events.contains(id)
                            ? "Event '\(id)' was ingested before; it was not applied again."
                            : "Event '\(id)' appears again later in this body; the later line was applied.",
                        field: "id", line: number))
            } else {
                results[number] = EventLineResult(line: number, status: .accepted, id: id)
            }
        }
        var response = EventIngestResponse(
            results: results.values.sorted { $0.line < $1.line }, totals: .init(), alerts: .init())
        if batch.recordCount > 0 || !batch.events.isEmpty || !batch.quarantine.isEmpty {
            let (_, outcome) = try await engines.ingest(batch, tenant: tenant, at: now)
            response.alerts.opened = outcome.opened.map(\.number).filter { $0 > 0 }.sorted()
            response.alerts.resolved = outcome.resolved.map(\.number).filter { $0 > 0 }.sorted()
        }
        for result in response.results {
            response.totals.lines += 1
            switch result.status {
            case .accepted: response.totals.accepted += 1
            case .duplicate: response.totals.duplicate += 1
            case .quarantined: response.totals.quarantined += 1
            case .rejected: response.totals.rejected += 1
            }
        }
        ServerMetrics.countEvents(
            accepted: response.totals.accepted, duplicates: response.totals.duplicate,
            quarantined: response.totals.quarantined, rejected: response.totals.rejected)
        return response
    }

    /// Non-blank NDJSON lines with their 1-based numbers (a trailing `\r` is dropped).
    static func lines(of body: [UInt8]) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var number = 0
        for slice in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var bytes = slice[...]
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            result.append((number, String(decoding: bytes, as: UTF8.self)))
        }
        return result
    }

    /// A single JSON event: the whole body as line 1 (newlines inside it are whitespace).
    static func single(_ body: [UInt8]) -> [(Int, String)] {
        let text = String(decoding: body, as: UTF8.self)
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return flat.allSatisfy({ $0 == " " || $0 == "\t" }) ? [] : [(1, flat)]
    }
}
