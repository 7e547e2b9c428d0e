/// Rows of model inputs (NaN = missing) with a binary outcome each: what models are trained and evaluated on.
public struct LabeledDataset: Sendable {
    public private(set) var features: [FeatureDescriptor]
    /// One row per example, one value per feature; NaN marks a missing value.
    public private(set) var rows: [[Double]]
    /// The outcome (churned, won …) per row.
    public private(set) var labels: [Bool]
    /// Record id per row (account id, deal id, customerID), for reports and splits.
    public private(set) var ids: [String]

    /// Checks the shape: one label and id per row, every row one value per feature, no infinite values
    /// (the error names the row id and feature). An empty data set is allowed here; training refuses it.
    public init(features: [FeatureDescriptor], rows: [[Double]], labels: [Bool], ids: [String]) throws {
        guard labels.count == rows.count, ids.count == rows.count else {
            throw TrainingError(
                .shape, "\(rows.count) rows but \(labels.count) labels and \(ids.count) ids: need one of each per row")
        }
        for (r, row) in rows.enumerated() {
            guard row.count == features.count else {
                throw TrainingError(
                    .shape, "row \(r + 1) (id \(ids[r])) has \(row.count) values for \(features.count) features")
            }
            if let f = row.firstIndex(where: { $0.isInfinite }) {
                throw TrainingError(
                    .notFinite,
                    "row \(r + 1) (id \(ids[r])), feature '\(features[f].name)': value is infinite (use NaN for missing)"
                )
            }
        }
        self.features = features
        self.rows = rows
        self.labels = labels
        self.ids = ids
    }

    public var count: Int { rows.count }
    public var positives: Int { labels.count { $0 } }
    public var featureNames: [String] { features.map(\.name) }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledDataset {
        var copy = self
        copy.rows = indices.map { rows[$0] }
        copy.labels = indices.map { labels[$0] }
        copy.ids = indices.map { ids[$0] }
        return copy
    }

    /// Refuses a data set training cannot learn from: no rows, or one class only (saying which).
    public func checkTrainable(_ what: String = "training set") throws {
        guard !rows.isEmpty else { throw TrainingError(.empty, "the \(what) has no rows") }
        let p = positives
        guard p > 0, p < rows.count else {
            throw TrainingError(
                .oneClass,
                "the \(what) has only \(p == 0 ? "negative" : "positive") outcomes (\(rows.count) rows): "
                    + "a model needs examples of both")
        }
    }
}
