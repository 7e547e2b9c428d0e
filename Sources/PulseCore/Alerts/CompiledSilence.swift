import Foundation

/// A silence with its regex matchers compiled once per engine step instead of once per alert checked.
/// Matches exactly like `Silence.matches` / `LabelMatcher.matches` (anchored regexes; a bad regex never hits).
struct CompiledSilence {
    let silence: Silence
    private let matchers: [(matcher: LabelMatcher, regex: Regex<AnyRegexOutput>?)]

    init(_ silence: Silence) {
        self.silence = silence
        self.matchers = silence.matchers.map { matcher in
            switch matcher.op {
            case .equal, .notEqual: (matcher, nil)
            case .matches, .notMatches: (matcher, try? Regex(matcher.value))
            }
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        matchers.allSatisfy { entry in
            let matcher = entry.matcher
            switch matcher.op {
            case .equal, .notEqual:
                return matcher.matches(labels)
            case .matches, .notMatches:
                let actual = labels[matcher.name] ?? ""
                let hit = entry.regex.map { (try? $0.wholeMatch(in: actual)) != nil } ?? false
                return matcher.op == .matches ? hit : !hit
            }
        }
    }
}
