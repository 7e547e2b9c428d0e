import Foundation

/// The selling organisation of the demo: an executive, managers, BDRs, account executives and CSMs.
public struct DemoRoster: Sendable {
    public var executive: Rep
    public var managers: [Rep]
    public var bdrs: [Rep]
    /// A BDR who joined this week and is still ramping up: two calls so far, no leads of their own.
    public var newBDR: Rep
    public var accountExecutives: [Rep]
    public var csms: [Rep]
    /// Each BDR's drive, 0.6–1.4 (same order as `bdrs`): their share of the leads and how many cold calls they
    /// make. Spread by the golden ratio, so a team of any size has strong and weaker BDRs.
    public var bdrDrive: [Double]
    /// Running sums of `bdrDrive`, to pick a BDR in proportion to drive.
    let bdrDriveSums: [Double]

    /// Time zones the demo uses, with the sales region each belongs to.
    static let zones: [(name: String, region: String)] = [
        ("Europe/London", "EMEA"), ("America/New_York", "North America"), ("Europe/Berlin", "EMEA"),
        ("America/Chicago", "North America"),
    ]

    public init(parameters: DemoParameters) {
        let tenant = parameters.tenant
        var rng = SplitMix64(seed: parameters.seed, domain: 1, index: 0)
        var names = DemoNames()
        func person(_ rng: inout SplitMix64) -> (name: String, email: String) {
            let name = names.person(&rng)
            let email = DemoNames.slug(name, space: UInt8(ascii: ".")) + "@pulse-demo.example"
            return (name, email)
        }
        let exec = person(&rng)
        executive = Rep(
            id: "rep-exec", tenant: tenant, name: exec.name, email: exec.email, role: .executive,
            team: "Leadership", region: "EMEA", timeZone: "Europe/London")
        var managers: [Rep] = []
        func manager(_ id: String, team: String, zone: Int, _ rng: inout SplitMix64) -> Rep.ID {
            let who = person(&rng)
            let z = Self.zones[zone % Self.zones.count]
            let rep = Rep(
                id: Rep.ID(id), tenant: tenant, name: who.name, email: who.email, role: .manager, manager: "rep-exec",
                team: team, region: z.region, timeZone: z.name)
            managers.append(rep)
            return rep.id
        }
        func team(
            prefix: String, role: RepRole, count: Int, teamName: String, _ rng: inout SplitMix64
        ) -> [Rep] {
            var reps: [Rep] = []
            let teams = max(1, (count + 7) / 8)
            var leads: [Rep.ID] = []
            for t in 0..<teams {
                let suffix = teams == 1 ? "" : " \(t + 1)"
                leads.append(manager("rep-mgr-\(prefix)-\(t + 1)", team: teamName + suffix, zone: t, &rng))
            }
            for i in 0..<count {
                let who = person(&rng)
                let t = i % teams
                let z = Self.zones[(i / teams + t) % Self.zones.count]
                reps.append(
                    Rep(
                        id: Rep.ID("rep-\(prefix)-" + DemoNames.pad(i + 1, 3)), tenant: tenant, name: who.name,
                        email: who.email, role: role, manager: leads[t],
                        team: teamName + (teams == 1 ? "" : " \(t + 1)"), region: z.region, timeZone: z.name))
            }
            return reps
        }
        bdrs = team(prefix: "bdr", role: .bdr, count: parameters.bdrCount, teamName: "BDR", &rng)
        accountExecutives = team(prefix: "ae", role: .rep, count: parameters.aeCount, teamName: "Sales", &rng)
        csms = team(prefix: "csm", role: .csm, count: parameters.csmCount, teamName: "Customer Success", &rng)
        self.managers = managers
        let starter = person(&rng)
        let firstBDR = bdrs[0]
        newBDR = Rep(
            id: Rep.ID("rep-bdr-" + DemoNames.pad(bdrs.count + 1, 3)), tenant: tenant, name: starter.name,
            email: starter.email, role: .bdr, manager: firstBDR.manager, team: firstBDR.team, region: firstBDR.region,
            timeZone: firstBDR.timeZone)
        bdrDrive = bdrs.indices.map { i in
            let golden = Double(i) * 0.618_033_988_749_895
            return 1.4 - 0.8 * (golden - golden.rounded(.down))
        }
        var sum = 0.0
        bdrDriveSums = bdrDrive.map { drive in
            sum += drive
            return sum
        }
    }

    /// A BDR picked in proportion to drive, with that drive.
    func pickBDR(_ rng: inout SplitMix64) -> (rep: Rep, drive: Double) {
        let target = rng.unit() * (bdrDriveSums.last ?? 0)
        let i = min(bdrs.count - 1, bdrDriveSums.partitionPoint { $0 <= target })
        return (bdrs[i], bdrDrive[i])
    }

    /// Everyone, executive first.
    public var all: [Rep] { [executive] + managers + bdrs + [newBDR] + accountExecutives + csms }

    /// The time zone of a rep (UTC when the identifier is unknown).
    static func timeZone(of rep: Rep) -> TimeZone {
        TimeZone(identifier: rep.timeZone) ?? TimeZone(secondsFromGMT: 0)!
    }
}
