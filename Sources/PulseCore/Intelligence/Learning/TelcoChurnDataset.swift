/// The IBM Telco customer-churn table as a data set, encoded as the reference script does (pandas
/// `get_dummies(drop_first=True)`, blank TotalCharges = 0), ids = customerID, with reason phrases per column.
public enum TelcoChurnDataset {
    /// Parses the CSV text: columns whose every non-blank value is a number stay numeric (blank = missing;
    /// TotalCharges coerced, anything not a number = 0), in file order; then every text column becomes one 0/1
    /// feature `Column_Value` per category except the first (categories in sorted order). `customerID` gives the
    /// ids and `Churn` (Yes/No) the labels. Errors name the line and column.
    public static func load(csv: String) throws -> LabeledDataset {
        var records: [CSVRecord] = []
        var scanner = CSVScanner()
        var bytes = Array(csv.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            scanner.feed(UnsafeBufferPointer(buffer)) { records.append($0) }
        }
        scanner.finish { records.append($0) }
        records.removeAll { $0.fields.allSatisfy(\.isEmpty) }
        bytes = []
        guard let header = records.first else { throw TrainingError(.empty, "Telco CSV: the file is empty") }
        if let problem = header.problem { throw TrainingError(.shape, "Telco CSV line \(header.line): \(problem)") }
        let names = header.fields
        guard let idColumn = names.firstIndex(of: "customerID") else {
            throw TrainingError(.shape, "Telco CSV line \(header.line): the header has no 'customerID' column")
        }
        guard let labelColumn = names.firstIndex(of: "Churn") else {
            throw TrainingError(.shape, "Telco CSV line \(header.line): the header has no 'Churn' column")
        }
        let body = Array(records.dropFirst())
        guard !body.isEmpty else { throw TrainingError(.empty, "Telco CSV: no rows after the header") }
        var labels: [Bool] = []
        var ids: [String] = []
        for record in body {
            if let problem = record.problem { throw TrainingError(.shape, "Telco CSV line \(record.line): \(problem)") }
            guard record.fields.count == names.count else {
                throw TrainingError(
                    .shape,
                    "Telco CSV line \(record.line): \(record.fields.count) fields, the header has \(names.count)")
            }
            switch record.fields[labelColumn] {
            case "Yes": labels.append(true)
            case "No": labels.append(false)
            case let other:
                throw TrainingError(
                    .shape, "Telco CSV line \(record.line), column 'Churn': expected Yes or No, found '\(other)'")
            }
            let id = record.fields[idColumn]
            guard !id.isEmpty else {
                throw TrainingError(.shape, "Telco CSV line \(record.line), column 'customerID': empty id")
            }
            ids.append(id)
        }

        var numeric: [(column: Int, values: [Double])] = []
        var text: [(column: Int, categories: [String])] = []
        for column in names.indices where column != idColumn && column != labelColumn {
            let raw = body.map { $0.fields[column].trimmingSpaces }
            if names[column] == "TotalCharges" {
                numeric.append((column, raw.map { Double($0) ?? 0 }))
            } else if raw.allSatisfy({ $0.isEmpty || Double($0) != nil }) {
                numeric.append((column, raw.map { Double($0) ?? .nan }))
            } else {
                let categories = Set(raw.filter { !$0.isEmpty }).sorted {
                    $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
                }
                text.append((column, categories))
            }
        }
        var features: [FeatureDescriptor] = []
        var columns: [[Double]] = []
        for (column, values) in numeric {
            features.append(FeatureDescriptor(names[column], phrase(column: names[column], value: nil)))
            columns.append(values)
        }
        for (column, categories) in text {
            for category in categories.dropFirst() {
                features.append(
                    FeatureDescriptor("\(names[column])_\(category)", phrase(column: names[column], value: category)))
                columns.append(body.map { $0.fields[column].trimmingSpaces == category ? 1 : 0 })
            }
        }
        let rows = body.indices.map { r in columns.map { $0[r] } }
        return try LabeledDataset(features: features, rows: rows, labels: labels, ids: ids)
    }

    /// Plain words for a Telco column (value nil) or one of its categories.
    static func phrase(column: String, value: String?) -> ReasonPhrase {
        guard let value else {
            switch column {
            case "SeniorCitizen": return .flag(set: "senior citizen", unset: "not a senior citizen")
            case "tenure": return .quantity(template: "tenure {value} months")
            case "MonthlyCharges": return .quantity(template: "monthly charges ${value}")
            case "TotalCharges": return .quantity(template: "total charges ${value}")
            default: return .quantity(template: "\(column) {value}")
            }
        }
        let addOns = [
            "OnlineSecurity": "online security", "OnlineBackup": "online backup",
            "DeviceProtection": "device protection", "TechSupport": "tech support", "StreamingTV": "streaming TV",
            "StreamingMovies": "streaming movies",
        ]
        if let addOn = addOns[column] {
            if value == "No internet service" {
                return .flag(set: "no internet service", unset: "has internet service")
            }
            if value == "Yes" { return .flag(set: "has \(addOn)", unset: "no \(addOn)") }
        }
        switch (column, value) {
        case ("gender", "Male"): return .flag(set: "male", unset: "female")
        case ("Partner", "Yes"): return .flag(set: "has a partner", unset: "no partner")
        case ("Dependents", "Yes"): return .flag(set: "has dependents", unset: "no dependents")
        case ("PhoneService", "Yes"): return .flag(set: "phone service", unset: "no phone service")
        case ("MultipleLines", "No phone service"): return .flag(set: "no phone service", unset: "has phone service")
        case ("MultipleLines", "Yes"): return .flag(set: "multiple phone lines", unset: "no multiple phone lines")
        case ("InternetService", "Fiber optic"):
            return .flag(set: "fiber-optic internet", unset: "no fiber-optic internet")
        case ("InternetService", "No"): return .flag(set: "no internet service", unset: "has internet service")
        case ("Contract", "One year"): return .flag(set: "one-year contract", unset: "no one-year contract")
        case ("Contract", "Two year"): return .flag(set: "two-year contract", unset: "no two-year contract")
        case ("PaperlessBilling", "Yes"): return .flag(set: "paperless billing", unset: "paper billing")
        case ("PaymentMethod", _):
            let method = value.lowercased()
            return .flag(set: "pays by \(method)", unset: "does not pay by \(method)")
        default: return .flag(set: "\(column) is \(value)", unset: "\(column) is not \(value)")
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
