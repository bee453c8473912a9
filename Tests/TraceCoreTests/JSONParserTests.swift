import Testing
import TraceText
import TraceCore

@Suite("The strict JSON parser")
struct JSONParserTests {
    @Test("parses the grammar, escapes and surrogate pairs")
    func valid() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\udc4b"} "#.utf8))
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(value["s"] == .string("x\"\\/\né👋"))
    }

    @Test("rejects what RFC 8259 forbids", arguments: [
        "", "{", "{\"a\"}", "[1,]", "01", "1.", "-", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "tru", "{} {}",
    ])
    func invalid(text: String) {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(Array(text.utf8)) }
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test("limits nesting depth")
    func depth() {
        let ok = String(repeating: "[", count: 31) + String(repeating: "]", count: 31)
        #expect(throws: Never.self) { _ = try JSONParser.parse(Array(ok.utf8)) }
        let tooDeep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(Array(tooDeep.utf8)) }
    }

    @Test("writes control characters escaped, so output is one line")
    func writing() {
        let text = JSONValue.string("a\nb\u{1B}c\u{2028}").text
        #expect(text == "\"a\\nb\\u001bc\\u2028\"")
    }
}
