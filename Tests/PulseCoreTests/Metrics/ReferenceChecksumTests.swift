import Foundation
import Testing

@testable import PulseCore

/// The committed pandas export (Fixtures/pandas-export) and its expected checksums.
enum PandasFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pandas-export")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

@Suite struct ReferenceChecksumTests {
    @Test func everyReferenceChecksumOfThePandasExportIsMatched() throws {
        let deals = try PandasExport.deals(PandasFixture.bytes("deals.csv"))
        let activities = try PandasExport.activities(PandasFixture.bytes("activities.csv"))
        let now = try PandasExport.now(metaJSON: PandasFixture.bytes("meta.json"))
        #expect(deals.count == 1000)
        #expect(activities.count == 10_000)
        let expected = String(decoding: try PandasFixture.bytes("expected/checksums.txt"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let actual = ReferenceMetrics(frame: MetricsFrame(deals: deals, activities: activities), now: now)
            .checksumLines()
        #expect(actual.count == expected.count)
        for (got, want) in zip(actual, expected) {
            #expect(Checksum.linesMatch(got, want), "got  \(got)\nwant \(want)")
        }
    }

    @Test func checksumLinesDifferWhenANumberDiffersBeyondTolerance() {
        #expect(Checksum.linesMatch("check  a.b  n=3 sum=1.5 wsum=2", "check  a.b  n=3 sum=1.5000000000001 wsum=2"))
        #expect(!Checksum.linesMatch("check  a.b  n=3 sum=1.5 wsum=2", "check  a.b  n=3 sum=1.5001 wsum=2"))
        #expect(!Checksum.linesMatch("check  a.b  n=3 sum=1 wsum=2", "check  a.c  n=3 sum=1 wsum=2"))
    }
}
