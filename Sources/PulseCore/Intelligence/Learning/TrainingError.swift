/// Why a data set, a training run or a stored model was refused, in one sentence that names the place.
public struct TrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Hashable, Sendable {
        /// No rows (or no rows left after filtering).
        case empty
        /// Every label is the same class: nothing to learn.
        case oneClass = "one_class"
        /// Rows of different lengths, or labels/ids not one per row.
        case shape
        /// An infinite feature value (missing values are NaN and allowed).
        case notFinite = "not_finite"
        /// A parameter out of range (learning rate ≤ 0, depth < 1 …).
        case badParameter = "bad_parameter"
        /// A stored model's features differ from the ones the caller computes.
        case featureMismatch = "feature_mismatch"
        /// A stored model written by a newer or unknown format version.
        case unsupportedVersion = "unsupported_version"
        /// A stored model that is not valid JSON for its format, or is internally inconsistent.
        case corrupt
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
