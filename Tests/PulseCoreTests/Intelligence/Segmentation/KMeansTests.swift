import Foundation
import Testing

@testable import PulseCore

/// k-means++ and silhouette on planted clusters and hand-computed cases.
@Suite struct KMeansTests {
    @Test func kMeansPlusPlusRecoversThreePlantedClusters() {
        let (points, truth) = PlantedClusters.points()
        let result = KMeans(k: 3, seed: 1).fit(points, dimensions: 3)
        #expect(result.k == 3)
        #expect(PlantedClusters.samePartition(result.assignments, truth))
        // Each centroid lies near one planted centre.
        for c in 0..<3 {
            let centroid = Array(result.centroids[(c * 3)..<(c * 3 + 3)])
            let nearest = PlantedClusters.centres.map { centre in
                zip(centroid, centre).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            }.min()!
            #expect(nearest < 0.6)
        }
    }

    @Test func silhouettePicksThreeSegmentsForThreePlantedClusters() throws {
        let (points, truth) = PlantedClusters.points()
        let found = try #require(AccountSegmenter().cluster(points, dimensions: 3))
        #expect(found.best.k == 3)
        #expect(found.trials.map(\.k) == Array(2...8))
        let three = try #require(found.trials.first { $0.k == 3 })
        #expect(three.silhouette > 0.6)
        #expect(found.trials.allSatisfy { $0.silhouette <= three.silhouette })
        #expect(PlantedClusters.samePartition(found.best.assignments, truth))
    }

    @Test func theSameSeedGivesTheSameClustering() {
        let (points, _) = PlantedClusters.points(perCluster: 60, spread: 4)
        let a = KMeans(k: 5, seed: 99).fit(points, dimensions: 3)
        let b = KMeans(k: 5, seed: 99).fit(points, dimensions: 3)
        #expect(a == b)
        #expect(a.assignments.count == 180)
    }

    @Test func stoppingWhenCentroidsSettleAgreesWithRunningUntilNoPointMoves() {
        let (points, truth) = PlantedClusters.points(perCluster: 80, spread: 2.5, seed: 4)
        let settled = KMeans(k: 3, seed: 2).fit(points, dimensions: 3)
        let exact = KMeans(k: 3, tolerance: 0, seed: 2).fit(points, dimensions: 3)
        #expect(PlantedClusters.samePartition(settled.assignments, truth))
        #expect(settled.assignments == exact.assignments)
        #expect(abs(settled.inertia - exact.inertia) < 1e-9 * exact.inertia)
    }

    @Test func moreRestartsNeverRaiseTheInertia() {
        let (points, _) = PlantedClusters.points(perCluster: 50, spread: 5, seed: 3)
        let one = KMeans(k: 6, restarts: 1, seed: 5).fit(points, dimensions: 3)
        let eight = KMeans(k: 6, restarts: 8, seed: 5).fit(points, dimensions: 3)
        #expect(eight.inertia <= one.inertia)
    }

    @Test func silhouetteMatchesAHandComputation() throws {
        // 0, 1 | 10, 11: a = 1 for every point; b = 10.5 for the outer points and 9.5 for the inner ones.
        let silhouette = Silhouette(points: [0, 1, 10, 11], dimensions: 1)
        let score = try #require(silhouette.score(assignments: [0, 0, 1, 1], k: 2))
        #expect(abs(score - (9.5 / 10.5 + 8.5 / 9.5) / 2) < 1e-12)
        // 0 | 1, 10, 11: the lone 0 scores 0; 1 has a = 9.5, b = 1; 10 has a = 5, b = 10; 11 has a = 5.5, b = 11.
        let lonely = try #require(silhouette.score(assignments: [0, 1, 1, 1], k: 2))
        #expect(abs(lonely - (0 + (1 - 9.5) / 9.5 + 0.5 + 0.5) / 4) < 1e-12)
        #expect(silhouette.score(assignments: [0, 0, 0, 0], k: 2) == nil)
    }

    @Test func aSampledSilhouetteIsSeededAndCloseToTheExactOne() throws {
        let (points, truth) = PlantedClusters.points(perCluster: 200, spread: 3)
        let exact = try #require(Silhouette(points: points, dimensions: 3).score(assignments: truth, k: 3))
        let sampled = Silhouette(points: points, dimensions: 3, sampleLimit: 150, seed: 11)
        #expect(sampled.sample.count == 150)
        #expect(Set(sampled.sample).count == 150)
        let a = try #require(sampled.score(assignments: truth, k: 3))
        let b = try #require(
            Silhouette(points: points, dimensions: 3, sampleLimit: 150, seed: 11).score(assignments: truth, k: 3))
        #expect(a == b)
        #expect(abs(a - exact) < 0.05)
    }

    @Test func fewDistinctPointsLimitTheSegmentsInsteadOfFailing() throws {
        // 30 points on two spots: only k = 2 is possible.
        let points = (0..<30).flatMap { i in i % 2 == 0 ? [0.0, 0.0] : [5.0, 5.0] }
        let found = try #require(AccountSegmenter().cluster(points, dimensions: 2))
        #expect(found.trials.map(\.k) == [2])
        #expect(found.best.k == 2)
        #expect(AccountSegmenter().cluster(Array(repeating: 1, count: 40), dimensions: 2) == nil)
    }

    @Test func kMeansClampsKToThePointsItHas() {
        let result = KMeans(k: 5).fit([1, 2, 3], dimensions: 1)
        #expect(result.k == 3)
        #expect(result.inertia == 0)
        #expect(KMeans(k: 3).fit([], dimensions: 2).assignments.isEmpty)
    }
}
