import TraceText

/// Escaped text (from `SafeText`) is cut only between whole escapes: `\x1b` is never shown as `\x1`.
public enum EscapedText {
    public static func prefix(_ text: String, fitting columns: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        let room = columns - DisplayWidth.of(ellipsis)
        var out = ""
        var used = 0
        for token in tokens(text) {
            let w = DisplayWidth.of(token)
            if used + w > room { break }
            out += token
            used += w
        }
        return out + ellipsis
    }

    /// Single characters, or whole escapes: `\\`, `\n`, `\"`, `\xHH`, `\u{HHHH}`.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            var end = text.index(after: index)
            if text[index] == "\\", end < text.endIndex {
                let kind = text[end]
                end = text.index(after: end)
                if kind == "x" {
                    end = text.index(end, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                } else if kind == "u", end < text.endIndex, text[end] == "{" {
                    end = text[end...].firstIndex(of: "}").map { text.index(after: $0) } ?? text.endIndex
                }
            }
            tokens.append(String(text[index..<end]))
            index = end
        }
        return tokens
    }
}

extension String {
    /// `"` shown as `\"`, so a quoted payload stays readable.
    public func replacingQuotes() -> String {
        guard contains("\"") else { return self }
        var out = ""
        for c in self { out += c == "\"" ? "\\\"" : String(c) }
        return out
    }
}
