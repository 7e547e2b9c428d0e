import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse model list`: every saved model version of the tenant with its training size and held-out AUC.
struct ModelListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the saved model versions: name, version, trained at, rows, held-out AUC.",
        discussion: "The latest version of each name is the one the rules use; a version whose features differ "
            + "from this Pulse's is marked refused (retrain it)."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The tenant to work on.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    func run() async throws {
        let stored = try await store.openStore().models(tenant: Tenant.ID(tenant))
        guard !stored.isEmpty else {
            print("No models saved for tenant \(tenant); train one with `pulse model train churn` or `… win`.")
            return
        }
        var table = DemoTextTable([
            ("name", .left), ("version", .right), ("trained at", .left), ("algorithm", .left), ("rows", .right),
            ("AUC", .right), ("status", .left),
        ])
        let latest = Dictionary(stored.map { ($0.name, $0.version) }, uniquingKeysWith: max)
        for s in stored {
            let expected = ModelKind(rawValue: s.name).map(Self.features) ?? s.features
            let row: [String]
            do {
                let model = try TrainedModel.decode(s.json, expecting: expected)
                row = [
                    model.algorithm.rawValue, "\(model.trainingRows)",
                    model.evaluation.map { ModelTrainCommand.fixed($0.rocAUC) } ?? "—",
                    latest[s.name] == s.version ? "in use" : "",
                ]
            } catch {
                row = ["—", "—", "—", "refused: \(error)"]
            }
            table.add(
                [s.name, "\(s.version)", ISO8601DateFormatter().string(from: s.trainedAt)] + row)
        }
        for line in table.render(indent: 0) { print(line) }
    }

    /// The features this Pulse computes for a model kind.
    static func features(_ kind: ModelKind) -> [String] {
        switch kind {
        case .churn: ChurnFeatures.names
        case .win: WinFeatures.names
        }
    }
}
