import Testing
import TraceText
import TraceCore

@Suite("Safe text: peer bytes never reach the terminal raw")
struct SafeTextTests {
    @Test("printable text and accents pass; controls, escapes, NUL and bad UTF-8 are escaped", arguments: [
        (Array("Hola, señor ñandú 👋".utf8), "Hola, señor ñandú 👋"),
        (Array("a\u{1B}[31mred".utf8), "a\\x1b[31mred"),
        ([0x00, 0x07, 0x7F], "\\0\\x07\\x7f"),
        ([0x68, 0xFF, 0xC3], "h\\xff\\xc3"),
        (Array("tab\there\r\n".utf8), "tab\\there\\r\\n"),
        (Array("back\\slash".utf8), "back\\\\slash"),
        (Array("\u{202E}evil\u{85}".utf8), "\\u{202E}evil\\u{85}"),
        ([0xC0, 0xAF, 0xED, 0xA0, 0x80], "\\xc0\\xaf\\xed\\xa0\\x80"),
    ])
    func escape(bytes: [UInt8], expected: String) {
        #expect(SafeText.escape(bytes) == expected)
    }

    @Test("a cut never splits a character and is marked with …")
    func limit() {
        let bytes = Array("ñañaña".utf8)
        #expect(SafeText.escape(bytes, limit: 1) == "…")
        #expect(SafeText.escape(bytes, limit: 2) == "ñ…")
        #expect(SafeText.escape(bytes, limit: 3) == "ña…")
        #expect(SafeText.escape(bytes, limit: 4) == "ña…")
        #expect(SafeText.escape(bytes, limit: 100) == "ñañaña")
    }

    @Test("sanitize escapes raw controls in any string and leaves escaped text unchanged")
    func sanitize() {
        #expect(SafeText.sanitize("ok\u{1B}]0;title\u{07}") == "ok\\x1b]0;title\\x07")
        let escaped = SafeText.escape(Array("a\u{1B}\\b".utf8))
        #expect(SafeText.sanitize(escaped) == escaped)
    }
}
