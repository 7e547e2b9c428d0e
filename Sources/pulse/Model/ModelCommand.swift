import ArgumentParser
import Foundation
import PulseCore

/// `pulse model`: train, evaluate and list the churn and win-probability models stored per tenant.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train, evaluate and list the churn and win-probability models.",
        discussion: "Models are trained on the store's own history, saved as versioned JSON in the store, and "
            + "read by the rules (account.churn_probability, account.churn_reasons, deal.win_probability, DQS). "
            + "docs/intelligence.md describes the features and the evaluation.",
        subcommands: [ModelTrainCommand.self, ModelEvaluateCommand.self, ModelListCommand.self]
    )
}

/// Which model a `pulse model` command is about.
enum ModelKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    case churn, win
}

/// Options `pulse model train` and `evaluate` share: the database, tenant and how to train.
struct ModelOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The tenant to work on.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(help: ArgumentHelp("Churn: days after a cutoff within which a churn counts.", valueName: "days"))
    var horizon: Int = 30

    @Option(help: ArgumentHelp("gbdt (gradient-boosted trees) or logistic.", valueName: "algorithm"))
    var algorithm: String = ModelAlgorithm.gradientBoosting.rawValue

    @Option(
        help: ArgumentHelp(
            "auto (isotonic with ≥ 1,000 held-out rows, else Platt), isotonic, platt or none.", valueName: "method"))
    var calibration: String = CalibrationMethod.automatic.rawValue

    init() {}

    func validate() throws {
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1 day (got \(horizon))") }
        guard ModelAlgorithm(rawValue: algorithm) != nil else {
            throw ValidationError("--algorithm must be gbdt or logistic (got '\(algorithm)')")
        }
        guard CalibrationMethod(rawValue: calibration) != nil else {
            throw ValidationError("--calibration must be auto, isotonic, platt or none (got '\(calibration)')")
        }
    }

    /// The trainer's options these flags select.
    var trainingOptions: ModelTrainingOptions {
        var options = ModelTrainingOptions()
        options.algorithm = ModelAlgorithm(rawValue: algorithm) ?? .gradientBoosting
        options.calibration = CalibrationMethod(rawValue: calibration) ?? .automatic
        return options
    }
}
