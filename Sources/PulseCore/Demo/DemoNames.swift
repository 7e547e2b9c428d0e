/// Deterministic names for people, companies and partners, built from small word lists.
struct DemoNames: Sendable {
    static let first = [
        "Olivia", "Liam", "Amelia", "Noah", "Isla", "Oliver", "Ava", "Elijah", "Mia", "James", "Sofia", "Lucas",
        "Grace", "Mateo", "Chloe", "Henry", "Priya", "Arjun", "Yuki", "Kenji", "Fatima", "Omar", "Lena", "Jonas",
        "Maya", "Ethan", "Zara", "Leo", "Nora", "Felix", "Aisha", "Daniel", "Emma", "Samuel", "Hannah", "Ravi",
    ]
    static let last = [
        "Smith", "Johnson", "Patel", "Garcia", "Mueller", "Chen", "Okafor", "Brown", "Nguyen", "Silva", "Kowalski",
        "Rossi", "Hughes", "Fischer", "Khan", "Martin", "Dubois", "Tanaka", "Andersen", "Walsh", "Murphy", "Ibrahim",
        "Novak", "Schmidt", "Clarke", "Lopez", "Evans", "Becker", "Moreau", "Singh",
    ]
    static let stems = [
        "North", "Blue", "Silver", "Bright", "Oak", "River", "Summit", "Harbor", "Cedar", "Granite", "Maple", "Nova",
        "Pioneer", "Atlas", "Beacon", "Crescent", "Evergreen", "Falcon", "Horizon", "Ironwood", "Juniper", "Keystone",
        "Lumen", "Meridian", "Orchard", "Pinnacle", "Quarry", "Redwood", "Sterling", "Trident", "Vertex", "Willow",
    ]
    static let tails = [
        "wind", "stone", "field", "bridge", "point", "gate", "view", "line", "works", "path", "light", "ridge",
    ]
    static let kinds = [
        "Association", "Partners", "Group", "Network", "Alliance", "Federation", "Collective", "Institute",
        "Labs", "Systems", "Health", "Logistics", "Learning", "Analytics", "Foods", "Energy",
    ]

    /// Counter that keeps company names distinct when the word lists repeat.
    private var used: [String: Int] = [:]

    /// "Grace Okafor".
    mutating func person(_ rng: inout SplitMix64) -> String { Self.person(&rng).name }

    /// "Northwind Alliance" (numbered when the same name comes up twice).
    mutating func company(_ rng: inout SplitMix64) -> String {
        let base = rng.pick(Self.stems) + rng.pick(Self.tails) + " " + rng.pick(Self.kinds)
        let seen = used[base, default: 0]
        used[base] = seen + 1
        return seen == 0 ? base : base + " \(seen + 1)"
    }

    /// A company name without uniqueness tracking (for one-off entities generated independently).
    static func company(_ rng: inout SplitMix64) -> String {
        rng.pick(stems) + rng.pick(tails) + " " + rng.pick(kinds)
    }

    /// An e-mail domain for a company name: "northwind-alliance.example".
    static func domain(of company: String) -> String { slug(company, space: UInt8(ascii: "-")) + ".example" }

    /// "grace.okafor@northwind-alliance.example".
    static func email(_ person: String, at company: String) -> String {
        slug(person, space: UInt8(ascii: ".")) + "@" + domain(of: company)
    }

    /// Lower-case ASCII letters and digits; a space becomes `space`, anything else "-".
    static func slug(_ text: String, space: UInt8) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: " "): bytes.append(space)
            default: bytes.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random "First Last" name with its first name.
    static func person(_ rng: inout SplitMix64) -> (name: String, first: String) {
        let first = rng.pick(Self.first)
        return (first + " " + rng.pick(last), first)
    }

    /// `n` as decimal digits, left-padded with zeros to `width`.
    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
