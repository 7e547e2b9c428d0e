import Foundation

/// Segments accounts by engagement: features in standard units, k-means++ for each k in `kRange`, the k with the
/// best mean silhouette, then names and real-unit centroids. Pure and deterministic for a seed.
public struct AccountSegmenter: Sendable, Hashable {
    /// The ks tried (capped by the account count, see `accountsPerSegment`).
    public var kRange: ClosedRange<Int>
    /// Fewer active accounts than this give no segmentation.
    public var minimumAccounts: Int
    /// At most `accounts ÷ accountsPerSegment` segments.
    public var accountsPerSegment: Int
    /// k-means restarts per k (the lowest inertia is kept).
    public var restarts: Int
    /// Silhouette is exact up to this many accounts, else computed on a seeded sample of this size.
    public var silhouetteSample: Int
    public var seed: UInt64

    public init(
        kRange: ClosedRange<Int> = 2...8, minimumAccounts: Int = 10, accountsPerSegment: Int = 5, restarts: Int = 4,
        silhouetteSample: Int = 2000, seed: UInt64 = 42
    ) {
        self.kRange = kRange
        self.minimumAccounts = minimumAccounts
        self.accountsPerSegment = accountsPerSegment
        self.restarts = restarts
        self.silhouetteSample = silhouetteSample
        self.seed = seed
    }

    /// Segments the accounts that have not churned, from their records before `now`.
    public func segment(
        accounts: [Account], engagement: [EngagementEvent], tickets: [SupportTicket], now: Date
    ) -> AccountSegmentation {
        segment(AccountFeatureTable(accounts: accounts, engagement: engagement, tickets: tickets, now: now))
    }

    /// Segments the accounts of a feature table.
    public func segment(_ table: AccountFeatureTable) -> AccountSegmentation {
        let n = table.accounts.count
        let scaler = FeatureStandardizer(table)
        func unavailable(_ reason: String) -> AccountSegmentation {
            .unavailable(
                reason, asOf: table.now, accounts: n, churned: table.churned, features: scaler.features,
                dropped: scaler.dropped)
        }
        guard n >= minimumAccounts else {
            return unavailable(
                "No segmentation: \(n) active account\(n == 1 ? "" : "s") (segmentation needs at least "
                    + "\(minimumAccounts); churned accounts are left out).")
        }
        guard !scaler.features.isEmpty else {
            return unavailable(
                "No segmentation: no engagement feature varies between the \(n) active accounts (no engagement, "
                    + "tickets, ARR or sign-up dates to tell them apart).")
        }
        let d = scaler.features.count
        let points = scaler.transform(table)
        guard let found = cluster(points, dimensions: d) else {
            return unavailable(
                "No segmentation: the \(n) active accounts have too few distinct engagement profiles to form "
                    + "\(kRange.lowerBound) segments.")
        }
        let best = found.best
        // Largest segment first (ties: lower cluster index), numbered from 1.
        var sizes = [Int](repeating: 0, count: best.k)
        for c in best.assignments { sizes[c] += 1 }
        let order = (0..<best.k).sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
        var number = [Int](repeating: 0, count: best.k)
        for (rank, c) in order.enumerated() { number[c] = rank + 1 }
        let centroids = order.map { c in Array(best.centroids[(c * d)..<(c * d + d)]) }
        let names = SegmentNamer.names(centroids: centroids, features: scaler.features)

        var sums = [[Double]](repeating: [Double](repeating: 0, count: EngagementFeature.allCases.count), count: best.k)
        var counts = sums
        for (i, row) in table.rows.enumerated() {
            let c = best.assignments[i]
            for (j, value) in row.enumerated() where value.isFinite {
                sums[c][j] += value
                counts[c][j] += 1
            }
        }
        let segments = order.enumerated().map { rank, c in
            var typical: [EngagementFeature: Double] = [:]
            for (j, feature) in EngagementFeature.allCases.enumerated() where counts[c][j] > 0 {
                typical[feature] = feature.realUnits(meanOfRaw: sums[c][j] / counts[c][j])
            }
            return AccountSegmentation.Segment(
                number: rank + 1, name: names[rank], size: sizes[c],
                centroid: Dictionary(uniqueKeysWithValues: zip(scaler.features, centroids[rank])), typical: typical)
        }
        var membership: [Account.ID: Int] = [:]
        membership.reserveCapacity(n)
        for (i, id) in table.accounts.enumerated() { membership[id] = number[best.assignments[i]] }
        return AccountSegmentation(
            asOf: table.now, accounts: n, churned: table.churned, features: scaler.features,
            droppedFeatures: scaler.dropped, trials: found.trials, segments: segments, unavailable: nil,
            membership: membership)
    }

    /// k-means for every allowed k over `points` (row-major) and the clustering with the best silhouette (the
    /// smaller k on a tie); nil when not even `kRange.lowerBound` clusters are possible.
    public func cluster(_ points: [Double], dimensions d: Int) -> (
        best: KMeans.Result, trials: [AccountSegmentation.Trial]
    )? {
        let n = d > 0 ? points.count / d : 0
        let upper = min(kRange.upperBound, n / max(1, accountsPerSegment), distinctRows(points, dimensions: d))
        guard d > 0, upper >= kRange.lowerBound, kRange.lowerBound >= 2 else { return nil }
        let silhouette = Silhouette(points: points, dimensions: d, sampleLimit: silhouetteSample, seed: seed)
        var trials: [AccountSegmentation.Trial] = []
        var best: (result: KMeans.Result, score: Double)?
        for k in kRange.lowerBound...upper {
            let result = KMeans(k: k, restarts: restarts, seed: seed).fit(points, dimensions: d)
            guard let score = silhouette.score(assignments: result.assignments, k: result.k) else { continue }
            trials.append(.init(k: k, silhouette: score, inertia: result.inertia))
            if best.map({ score > $0.score }) ?? true { best = (result, score) }
        }
        return best.map { ($0.result, trials) }
    }

    /// Distinct points (up to `kRange.upperBound`, which is all the count is needed for).
    private func distinctRows(_ points: [Double], dimensions d: Int) -> Int {
        guard d > 0 else { return 0 }
        var seen = Set<ArraySlice<Double>>()
        var i = 0
        while i + d <= points.count, seen.count < kRange.upperBound {
            seen.insert(points[i..<(i + d)])
            i += d
        }
        return seen.count
    }
}
