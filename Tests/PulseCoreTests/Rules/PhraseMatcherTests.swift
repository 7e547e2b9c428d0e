import Foundation
import Testing

@testable import PulseCore

/// Whole-word, case-insensitive phrase search and excerpts.
@Suite struct PhraseMatcherTests {
    func finds(_ phrase: String, in text: String) -> Bool {
        PhraseMatcher([phrase]).firstMatch(in: PhraseMatcher.fold(text)) != nil
    }

    @Test func wordsMatchOnlyWhole() {
        #expect(finds("ROI", in: "What is the ROI?"))
        #expect(finds("roi", in: "ROI: 3x"))
        #expect(!finds("ROI", in: "a heroic effort"))
        #expect(!finds("ROI", in: "ROIs"))
        #expect(!finds("trial", in: "industrial design"))
        #expect(finds("POC", in: "(POC) next week"))
    }

    @Test func phrasesMatchAcrossAnyWhitespaceAndCase() {
        #expect(finds("budget approved", in: "The Budget   Approved memo"))
        #expect(finds("budget approved", in: "budget\napproved"))
        #expect(!finds("budget approved", in: "budget-approved"))
        #expect(!finds("budget approved", in: "budget approvedness"))
        #expect(finds("sign-off", in: "technical sign-off today"))
    }

    @Test func nonASCIITextIsFoldedToo() {
        #expect(finds("café", in: "Meeting at the CAFÉ"))
        #expect(!finds("caf", in: "Meeting at the café"))
    }

    @Test func theFirstListedPhraseThatOccursIsReported() {
        let m = PhraseMatcher(["proof of concept", "POC"])
        #expect(m.firstMatch(in: PhraseMatcher.fold("Our POC, a proof of concept"))?.phrase == "proof of concept")
        #expect(PhraseMatcher(["  ", ""]).phrases.isEmpty)
    }

    @Test func excerptsAreAtMost120CharactersAroundTheHit() {
        let text =
            String(repeating: "filler words here ", count: 20) + "budget approved"
            + String(
                repeating: " and more words", count: 20)
        let hit = PhraseMatcher(["budget approved"]).firstMatch(in: PhraseMatcher.fold(text))!
        let excerpt = PhraseMatcher.excerpt(text, aroundByte: hit.offset)
        #expect(excerpt.count <= 120)
        #expect(excerpt.contains("budget approved"))
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
        #expect(PhraseMatcher.excerpt("short text", aroundByte: 0) == "short text")
    }
}
