import Foundation
import PulseCore
import PulseStore

/// Reads files (NDJSON events or CSV exports), runs the data-quality gates and writes one batch.
///
/// All files of one run are one batch: written in one store transaction, or (circuit breaker, I/O error)
/// not at all.
struct IngestRunner {
    let store: any PulseStore
    let options: IngestOptions

    init(store: any PulseStore, options: IngestOptions = .init()) {
        self.store = store
        self.options = options
    }

    /// Ingests `files`; throws `IngestError` (file, line, field) or the store's error, having written nothing.
    ///
    /// The write streams: every `chunkRows` rows read are handed to the store, which writes them in the run's
    /// one open transaction while the next rows are parsed; the transaction commits after the last file and
    /// the circuit breaker, and rolls back on any error (the breaker included).
    func run(files: [URL]) async throws -> IngestReport {
        let started = Date()
        guard !files.isEmpty else {
            throw IngestError(code: "no_files", message: "no input files given; pass NDJSON or CSV files to ingest")
        }
        // Many chunks give exactly the one-batch result only when nothing is stored yet (a record stored before
        // the run could otherwise be overwritten by an older in-run version that a later, already-ingested event
        // supersedes); into a populated store the run hands over one chunk.
        if options.chunkRows != .max, try await !store.isEmpty() {
            var whole = options
            whole.chunkRows = .max
            return try await IngestRunner(store: store, options: whole).run(files: files)
        }
        let readers = try files.map { url throws(IngestError) in try FileChunkReader(path: url.path) }
        let choice: MappingLibrary.Choice?
        do {
            choice = try options.mapping.map { name throws(IngestError) in try MappingLibrary.resolve(name) }
        } catch {
            for reader in readers { reader.discard() }
            throw error
        }
        let askEvents = try await store.hasEvents()
        // About 400 bytes per NDJSON event (fewer for CSV rows): only decides whether tables load in bulk.
        let expectedRows = readers.reduce(0) { $0 + $1.size } / 400
        let channel = ChunkChannel(capacity: 1)
        let store = store
        return try await withThrowingTaskGroup(of: ApplySummary.self) { group in
            group.addTask { try await store.apply(chunks: channel, expectedRows: expectedRows) }
            var builder = BatchBuilder(tenant: options.tenant, streaming: true)
            var written = false
            let readSeconds: Double
            let checkedSeconds: Double
            do {
                var builtIns: [CSVMapping]?
                for (position, reader) in readers.enumerated() {
                    do {
                        written =
                            try await read(
                                reader, choice: choice, builtIns: &builtIns, into: &builder, channel: channel,
                                askEvents: askEvents) || written
                    } catch {
                        for later in readers[(position + 1)...] { later.discard() }
                        throw error
                    }
                }
                let flushed = try await flush(&builder, channel: channel, askEvents: askEvents, force: true)
                readSeconds = Date().timeIntervalSince(started)
                let last = builder.finishChunk(
                    try await store.answers(to: builder.storeQuestions(includeEvents: false)))
                checkedSeconds = Date().timeIntervalSince(started)
                try checkCircuitBreaker(builder)
                written = written || flushed || !last.isEmpty
                options.touched?.record(last)
                try await channel.send(last)
                channel.finish()
            } catch {
                channel.fail(error)
                throw error
            }
            let summary = try await group.next()
            let applied = written ? summary : nil
            let total = Date().timeIntervalSince(started)
            var report = Self.report(
                files: builder.files, gateCounts: builder.gateCounts, applied: applied, seconds: total)
            report.timings = [
                "read": readSeconds, "gates": checkedSeconds - readSeconds, "apply": total - checkedSeconds,
            ]
            return report
        }
    }

    /// Hands the rows read so far to the store when there are `chunkRows` of them (or any, with `force`),
    /// after asking the store which of their event ids it already has.
    @discardableResult
    private func flush(_ builder: inout BatchBuilder, channel: ChunkChannel, askEvents: Bool, force: Bool) async throws
        -> Bool
    {
        guard builder.pendingCount >= (force ? 1 : options.chunkRows) else { return false }
        var stored = Set<String>()
        if askEvents {
            let ids = builder.pendingEventIDs
            if !ids.isEmpty { stored = try await store.existingEventIDs(ids) }
        }
        let chunk = builder.takeChunk(storedEvents: stored)
        if !chunk.isEmpty {
            options.touched?.record(chunk)
            try await channel.send(chunk)
        }
        return !chunk.isEmpty
    }

    // MARK: Reading

    private func read(
        _ reader: FileChunkReader, choice: MappingLibrary.Choice?, builtIns: inout [CSVMapping]?,
        into builder: inout BatchBuilder, channel: ChunkChannel, askEvents: Bool
    ) async throws -> Bool {
        let name = reader.path
        guard reader.size > 0 else {
            reader.discard()
            let file = builder.beginFile(source: name, format: "empty")
            builder.setNotice("empty file; nothing to load", file: file)
            return false
        }
        var format: FileFormat?
        var progress = ProgressBar(
            name: URL(fileURLWithPath: name).lastPathComponent, totalBytes: reader.size, enabled: options.showProgress)
        var bytesRead = 0
        var file = -1
        var wroteChunk = false
        try await reader.forEachChunk(size: options.readChunkBytes) { chunk in
            if format == nil {
                format = try decideFormat(firstChunk: chunk, path: name, choice: choice, builtIns: &builtIns)
                file = builder.beginFile(source: name, format: format!.label)
                if case .ndjson = format! {
                    // Estimate the rows from the first chunk's line length, to size the indexes once.
                    let lines = max(1, chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
                    builder.reserve(rows: Int(Double(reader.size) / Double(chunk.count) * Double(lines) * 1.05))
                }
                if case .skip(let mapping) = format! {
                    builder.setNotice(mapping.skip ?? "skipped", file: file)
                }
            }
            bytesRead += chunk.count
            switch format! {
            case .skip: return
            case .ndjson(var state):
                try state.feed(chunk, builder: &builder, file: file)
                format = .ndjson(state)
            case .csv(var state):
                try state.feed(chunk, builder: &builder, file: file)
                format = .csv(state)
            }
            progress.update(bytes: bytesRead, rows: builder.files[file].rows)
            if try await flush(&builder, channel: channel, askEvents: askEvents, force: false) { wroteChunk = true }
        }
        switch format {
        case .ndjson(var state)?: try state.finish(builder: &builder, file: file)
        case .csv(var state)?: try state.finish(builder: &builder, file: file)
        case .skip?, nil: break
        }
        progress.finish()
        if file >= 0 && builder.files[file].rows == 0 && builder.files[file].notice == nil {
            builder.setNotice(
                format?.isCSV == true ? "header only, no data rows; nothing to load" : "no events; nothing to load",
                file: file)
        }
        return wroteChunk
    }

    /// NDJSON when the first non-blank byte is `{` (or `--mapping ndjson`); otherwise CSV with the named
    /// mapping or the built-in one whose columns the header has.
    private func decideFormat(
        firstChunk: UnsafeBufferPointer<UInt8>, path: String, choice: MappingLibrary.Choice?,
        builtIns: inout [CSVMapping]?
    ) throws -> FileFormat {
        let ndjson = NDJSONState(
            path: path, decoder: EventDecoder(defaultTenant: options.tenant), limit: options.maxLineBytes)
        switch choice {
        case .ndjson?: return .ndjson(ndjson)
        case .csv(let mapping)?: return try csvFormat(mapping, firstChunk: firstChunk, path: path)
        case nil: break
        }
        var index = 0
        if firstChunk.count >= 3 && firstChunk[0] == 0xEF && firstChunk[1] == 0xBB && firstChunk[2] == 0xBF {
            index = 3
        }
        while index < firstChunk.count, [0x20, 0x09, 0x0A, 0x0D].contains(firstChunk[index]) { index += 1 }
        if index < firstChunk.count && firstChunk[index] == UInt8(ascii: "{") { return .ndjson(ndjson) }
        if builtIns == nil { builtIns = try MappingLibrary.builtIn() }
        let all = builtIns!
        let headerLine = Self.headerLine(firstChunk)
        var candidates: [UInt8] = []
        for mapping in all {
            if let byte = try? mapping.delimiterByte, !candidates.contains(byte) { candidates.append(byte) }
        }
        for delimiter in candidates {
            let header = Self.split(headerLine, delimiter: delimiter)
            if let mapping = MappingLibrary.detect(header: header, delimiter: delimiter, in: all) {
                return try csvFormat(mapping, firstChunk: firstChunk, path: path)
            }
        }
        let sniffed = Self.sniffDelimiter(headerLine)
        let header = Self.split(headerLine, delimiter: sniffed)
        throw IngestError(
            code: "unknown_export",
            message: "\(path) line 1: the header matches no built-in mapping. Columns found: "
                + header.joined(separator: ", ") + ". Built-in mappings: "
                + all.map { "\($0.name) (\($0.matchColumns.joined(separator: ", ")))" }.joined(separator: "; ")
                + ". Pass --mapping NAME or --mapping FILE.yaml (docs/mappings.md); NDJSON lines start with '{'.")
    }

    private func csvFormat(_ mapping: CSVMapping, firstChunk: UnsafeBufferPointer<UInt8>, path: String) throws
        -> FileFormat
    {
        if mapping.skip != nil && mapping.entity == nil { return .skip(mapping) }
        let delimiter = try mapping.delimiterByte
        let headerLine = Self.headerLine(firstChunk)
        let header = Self.split(headerLine, delimiter: delimiter)
        if header.count == 1 {
            let sniffed = Self.sniffDelimiter(headerLine)
            if sniffed != delimiter {
                throw IngestError(
                    code: "wrong_delimiter",
                    message: "\(path) line 1: the header is separated by \(Self.name(of: sniffed)) but the mapping '"
                        + "\(mapping.name)' expects \(Self.name(of: delimiter)). Add `delimiter: \"\(Self.yaml(sniffed))\"` "
                        + "to the mapping, or export the file with \(Self.name(of: delimiter))s.")
            }
        }
        let compiled: CompiledMapping
        do { compiled = try CompiledMapping(mapping, header: header, source: path) } catch {
            throw IngestError(
                code: error.code, message: error.message.hasPrefix(path) ? error.message : "\(path): \(error.message)")
        }
        return .csv(
            CSVState(
                path: path, compiled: compiled, tenant: options.tenant, delimiter: delimiter,
                limit: options.maxLineBytes))
    }

    static func headerLine(_ chunk: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var start = 0
        if chunk.count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { start = 3 }
        var end = start
        while end < chunk.count && chunk[end] != 0x0A { end += 1 }
        var line = Array(chunk[start..<end])
        if line.last == 0x0D { line.removeLast() }
        return line
    }

    static func split(_ line: [UInt8], delimiter: UInt8) -> [String] {
        var scanner = CSVScanner(delimiter: delimiter)
        var fields: [String] = []
        line.withUnsafeBufferPointer { buffer in
            scanner.feed(buffer) { fields = $0.fields }
            scanner.finish { fields = $0.fields }
        }
        return fields
    }

    /// The most frequent of `,` `;` tab `|` in the header (`,` when none).
    static func sniffDelimiter(_ line: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        let counts = candidates.map { byte in line.filter { $0 == byte }.count }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else {
            return UInt8(ascii: ",")
        }
        return candidates[best]
    }

    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 0x09: "tab"
        case UInt8(ascii: ";"): "';' (semicolon)"
        case UInt8(ascii: "|"): "'|'"
        default: "',' (comma)"
        }
    }

    static func yaml(_ delimiter: UInt8) -> String { delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter)) }

    // MARK: Circuit breaker and report

    private func checkCircuitBreaker(_ builder: BatchBuilder) throws {
        let (rows, failed) = builder.totals
        guard rows > 0 else { return }
        let rate = Double(failed) / Double(rows)
        guard rate > options.maxFailureRate else { return }
        let gates = Self.gateSummary(builder.gateCounts)
        var message =
            "aborted, nothing was written: \(grouped(failed)) of \(grouped(rows)) rows ("
            + String(format: "%.1f%%", rate * 100) + ") failed the data-quality gates, over the "
            + String(format: "%.0f%%", options.maxFailureRate * 100)
            + " limit (--max-failure-rate \(options.maxFailureRate)).\nFailed gates: " + gates
            + "\nFirst failures:"
        for record in builder.firstFailures {
            message += "\n  \(record.source):\(record.line) \(record.field ?? "(line)"): \(record.reason)"
        }
        message += "\nFix these rows, or raise --max-failure-rate to load the good rows and quarantine the rest."
        throw IngestError(code: "circuit_breaker", message: message)
    }

    /// "parse 2, schema 1": gates by failures, most first, ties by name.
    static func gateSummary(_ counts: [QualityGate: Int]) -> String {
        counts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    }

    /// Shares the store's per-kind counts out to files and renders the summary.
    static func report(files: [FileStats], gateCounts: [QualityGate: Int], applied: ApplySummary?, seconds: Double)
        -> IngestReport
    {
        var files = files
        var loadedLeft: [String: Int] = [:]
        if let applied {
            for (kind, count) in applied.inserted { loadedLeft[kind, default: 0] += count }
            for (kind, count) in applied.updated { loadedLeft[kind, default: 0] += count }
        }
        for index in files.indices {
            var loaded = 0
            var unchanged = 0
            for (kind, accepted) in files[index].acceptedByKind.sorted(by: { $0.key < $1.key }) where accepted > 0 {
                let share = min(accepted, loadedLeft[kind, default: 0])
                loadedLeft[kind, default: 0] -= share
                loaded += share
                unchanged += accepted - share
            }
            files[index].loaded = loaded
            files[index].duplicates += unchanged
        }
        let loaded = applied.map { $0.totalInserted + $0.totalUpdated } ?? 0
        let corrected = files.reduce(0) { $0 + $1.corrected }
        let quarantined = files.reduce(0) { $0 + $1.quarantined }
        let duplicates = files.reduce(0) { $0 + $1.duplicates }
        var text = "Ingested \(files.count) file(s) as one batch in " + String(format: "%.2f s", seconds) + ":\n"
        let nameWidth = min(48, files.map { URL(fileURLWithPath: $0.source).lastPathComponent.count }.max() ?? 0)
        for file in files {
            let name = URL(fileURLWithPath: file.source).lastPathComponent
            let padded = name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0)
            if let notice = file.notice {
                text += "  \(padded)  \(notice)\n"
                continue
            }
            text +=
                "  \(padded)  \(file.format): \(grouped(file.rows)) rows, \(grouped(file.loaded)) loaded, "
                + "\(grouped(file.corrected)) corrected, \(grouped(file.quarantined)) quarantined, "
                + "\(grouped(file.duplicates)) duplicates\n"
        }
        text +=
            "Total: \(grouped(loaded)) loaded, \(grouped(corrected)) corrected, \(grouped(quarantined)) quarantined, "
            + "\(grouped(duplicates)) duplicates"
        let optedOut = files.reduce(0) { $0 + $1.optedOut }
        if optedOut > 0 { text += ", \(grouped(optedOut)) dropped (contact opted out)" }
        if !gateCounts.isEmpty {
            text +=
                "\nQuarantined by gate: "
                + Self.gateSummary(gateCounts) + " (list them with `pulse quarantine`)"
        }
        return IngestReport(
            loaded: loaded, corrected: corrected, quarantined: quarantined, duplicates: duplicates, rendered: text,
            files: files, gateCounts: gateCounts, applied: applied)
    }
}
