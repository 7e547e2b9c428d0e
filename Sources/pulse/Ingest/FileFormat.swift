import Foundation
import PulseCore

/// How a file is being read.
enum FileFormat {
    case ndjson(NDJSONState)
    case csv(CSVState)
    case skip(CSVMapping)

    var label: String {
        switch self {
        case .ndjson: "ndjson"
        case .csv(let state): state.compiled.mapping.name
        case .skip(let mapping): mapping.name
        }
    }

    var isCSV: Bool { if case .ndjson = self { false } else { true } }
}
