import Foundation
import Testing

@testable import PulseCore

@Suite struct TelcoChurnDatasetTests {
    /// `pd.get_dummies(df, drop_first=True).columns` of the reference script (pandas 3.0), in order.
    static let referenceColumns = [
        "SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges", "gender_Male", "Partner_Yes", "Dependents_Yes",
        "PhoneService_Yes", "MultipleLines_No phone service", "MultipleLines_Yes", "InternetService_Fiber optic",
        "InternetService_No", "OnlineSecurity_No internet service", "OnlineSecurity_Yes",
        "OnlineBackup_No internet service", "OnlineBackup_Yes", "DeviceProtection_No internet service",
        "DeviceProtection_Yes", "TechSupport_No internet service", "TechSupport_Yes",
        "StreamingTV_No internet service", "StreamingTV_Yes", "StreamingMovies_No internet service",
        "StreamingMovies_Yes", "Contract_One year", "Contract_Two year", "PaperlessBilling_Yes",
        "PaymentMethod_Credit card (automatic)", "PaymentMethod_Electronic check", "PaymentMethod_Mailed check",
    ]

    static func load() throws -> LabeledDataset {
        try TelcoChurnDataset.load(csv: String(contentsOf: LearningFixtures.telcoCSV, encoding: .utf8))
    }

    @Test func theRealFileIsEncodedAsTheReferenceScriptEncodesIt() throws {
        let data = try Self.load()
        #expect(data.featureNames == Self.referenceColumns)
        #expect(data.count == 7043)
        #expect(data.positives == 1869)
        let first = try #require(data.ids.firstIndex(of: "7590-VHVEG"))
        #expect(data.rows[first][1] == 1)  // tenure
        #expect(data.rows[first][2] == 29.85)
        #expect(data.rows[first][4] == 0)  // Female
        // Eleven new customers have a blank TotalCharges, read as 0.
        #expect(data.rows.count { $0[3] == 0 } == 11)
        let contract = try #require(data.features.firstIndex { $0.name == "Contract_Two year" })
        #expect(data.features[contract].phrase.text(value: 0, name: "") == "no two-year contract")
        #expect(data.features[1].phrase.text(value: 5, name: "") == "tenure 5 months")
        #expect(data.features[2].phrase.text(value: 70.35, name: "") == "monthly charges $70.4")
    }

    @Test func boostedTreesAndLogisticRegressionRankChurnOnTheSeed42Split() throws {
        let data = try Self.load()
        let ids = try String(
            contentsOf: LearningFixtures.telcoSplits.appendingPathComponent("test_ids_seed42.txt"), encoding: .utf8
        ).split(whereSeparator: \.isNewline).map(String.init)
        let (train, test) = data.split(testIDs: Set(ids))
        #expect(test.count == 1409)
        var parameters = GradientBoostingParameters()
        parameters.trees = 150
        parameters.learningRate = 0.05
        let trees = try GradientBoostedTrees.train(train, parameters: parameters)
        let logistic = try LogisticRegression.train(train)
        let treeAUC = BinaryMetrics.rocAUC(test.rows.map(trees.rawScore), test.labels)
        let linearAUC = BinaryMetrics.rocAUC(test.rows.map(logistic.rawScore), test.labels)
        #expect(treeAUC >= 0.83)
        #expect(linearAUC >= 0.83)
    }

    @Test func aBadFileIsRefusedNamingTheLineAndColumn() throws {
        let header = "customerID,gender,tenure,Churn\n"
        #expect(
            throws: TrainingError(.shape, "Telco CSV line 3, column 'Churn': expected Yes or No, found 'Maybe'")
        ) {
            try TelcoChurnDataset.load(csv: header + "a,Male,3,No\nb,Female,4,Maybe\n")
        }
        #expect(throws: TrainingError(.shape, "Telco CSV line 2: 3 fields, the header has 4")) {
            try TelcoChurnDataset.load(csv: header + "a,Male,No\n")
        }
        #expect(throws: TrainingError(.shape, "Telco CSV line 1: the header has no 'Churn' column")) {
            try TelcoChurnDataset.load(csv: "customerID,tenure\na,1\n")
        }
        #expect(throws: TrainingError.self) { try TelcoChurnDataset.load(csv: "") }
    }

    @Test func aSmallFileGetsDummiesInSortedOrderWithTheFirstDropped() throws {
        let csv = "customerID,Contract,tenure,Churn\na,Two year,3,No\nb,Month-to-month,,Yes\nc,One year,5,No\n"
        let data = try TelcoChurnDataset.load(csv: csv)
        #expect(data.featureNames == ["tenure", "Contract_One year", "Contract_Two year"])
        #expect(data.rows[0] == [3, 0, 1])
        #expect(data.rows[1][0].isNaN)
        #expect(data.labels == [false, true, false])
        #expect(data.ids == ["a", "b", "c"])
    }
}
