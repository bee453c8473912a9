import Testing
import TracePrograms
import TraceText
@testable import TraceTeaching

@Suite("The parsers' byte paths agree with the Unicode rules they stand in for")
struct TextBytePathTests {
    @Test("keys: ASCII byte by byte and accented letters by their switch, as the Unicode rules give them")
    func keys() {
        let accented: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, plain) in accented {
            for letter in letters {
                #expect(TermKey.normalize(String(letter)) == plain, "\(letter)")
                let upper = String(letter).uppercased()  // ŉ's is two letters, ʼN
                if upper.unicodeScalars.count == 1 { #expect(TermKey.normalize(upper) == plain, "\(upper)") }
            }
        }
        #expect(TermKey.normalize(" (Three)-way__Handshake / SYN\t") == "three way handshake syn")
        #expect(TermKey.normalize("") == "")
        #expect(TermKey.normalize("-/ _") == "")
    }

    @Test("trimming: the byte path agrees with Character's whitespace")
    func trimming() {
        for text in ["  a b  ", "\t\r\n x", "x", "", "   ", " \u{301}x ", "x \u{A0}", "\u{A0}", "\u{2003}y\u{2003}", "\r\n", "é "] {
            var s = Substring(text)
            while let f = s.first, f.isWhitespace { s = s.dropFirst() }
            while let l = s.last, l.isWhitespace { s = s.dropLast() }
            #expect(text.trimmed == String(s), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("splitting on an ASCII separator: the byte path agrees with Character's split")
    func splitting() {
        for text in ["a, b,c", ",,a,,", "", ",", "número de puerto, port number", "a,\u{301}b", "\u{600},x", "é,ñ , ü", "x|y", "a,\r\n,b"] {
            #expect(text.splitting(on: ",") == text.split(separator: ","), "\(Array(text.unicodeScalars))")
            #expect(text.splitting(on: "|") == text.split(separator: "|"), "\(Array(text.unicodeScalars))")
        }
    }
}
