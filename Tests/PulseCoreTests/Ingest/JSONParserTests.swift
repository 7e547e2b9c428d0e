import Testing

@testable import PulseCore

@Suite struct JSONParserTests {
    @Test func parsesNestedObjectsArraysAndEscapes() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.5e3,true,null],"b":"x\"y\u00e9\ud83d\ude00","c":{}}"#)
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(value["b"] == .string("x\"yé😀"))
        #expect(value["c"] == .object([]))
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "unexpected end of object after a trailing ','", 8),
        (#"{"a":1"#, "unexpected end of line (the object opened at column 1 is not closed)", 7),
        (#"{"a" 1}"#, "expected ':' after the key \"a\" but found '1'", 6),
        (#"{"a":01}"#, "numbers must not have leading zeros", 6),
        (#"{"a":"abc}"#, "unterminated string starting at column 6", 11),
        (#"{"a":tru}"#, "unknown word (expected 'true')", 6),
        (#"{"a":1} x"#, "unexpected 'x' after the end of the value", 9),
        (#"{"a":}"#, "unexpected end of object (the key \"a\" has no value)", 6),
    ])
    func reportsTheProblemAndItsColumn(input: String, problem: String, column: Int) {
        #expect(throws: JSONSyntaxError(column: column, problem: problem)) { try JSONParser.parse(input) }
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func syntaxErrorsReadAsSentencesWithTheColumn() {
        let error = JSONSyntaxError(column: 42, problem: "unexpected end of object")
        #expect(error.description == "not valid JSON: unexpected end of object at column 42")
    }
}
