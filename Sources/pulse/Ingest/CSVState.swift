import Foundation
import PulseCore

/// Streaming CSV reader state for one file.
struct CSVState {
    let path: String
    let compiled: CompiledMapping
    let tenant: Tenant.ID
    var scanner: CSVScanner
    var sawHeader = false

    init(path: String, compiled: CompiledMapping, tenant: Tenant.ID, delimiter: UInt8, limit: Int) {
        self.path = path
        self.compiled = compiled
        self.tenant = tenant
        self.scanner = CSVScanner(delimiter: delimiter, maxRecordBytes: limit)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, builder: inout BatchBuilder, file: Int) throws {
        var sawHeader = self.sawHeader
        let compiled = self.compiled
        let tenant = self.tenant
        scanner.feed(chunk) { record in
            Self.handle(
                record, sawHeader: &sawHeader, compiled: compiled, tenant: tenant, builder: &builder, file: file)
        }
        self.sawHeader = sawHeader
    }

    mutating func finish(builder: inout BatchBuilder, file: Int) throws {
        var sawHeader = self.sawHeader
        let compiled = self.compiled
        let tenant = self.tenant
        scanner.finish { record in
            Self.handle(
                record, sawHeader: &sawHeader, compiled: compiled, tenant: tenant, builder: &builder, file: file)
        }
        self.sawHeader = sawHeader
    }

    private static func handle(
        _ record: CSVRecord, sawHeader: inout Bool, compiled: CompiledMapping, tenant: Tenant.ID,
        builder: inout BatchBuilder, file: Int
    ) {
        guard sawHeader else {
            sawHeader = true
            return
        }
        builder.countRow(file: file)
        do {
            let records = try compiled.records(from: record, tenant: tenant)
            builder.add(
                records.map { ($0.record, $0.derived) }, file: file, line: record.line, raw: record.raw,
                label: { compiled.label(for: $0) })
        } catch {
            builder.reject(error, file: file, line: record.line, raw: record.raw, recordID: nil)
        }
    }
}
