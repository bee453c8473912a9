/// The Mermaid the export promises, as a grammar: what GitHub renders, nothing newer than Mermaid 10.
///
///     diagram   = { comment } "sequenceDiagram" { statement }
///     comment   = "%%" text-without-newline
///     statement = "    participant " ID " as " TEXT
///               | "    " ID ( "->>" | "-->>" ) ID ": " TEXT
///               | "    Note " ( "left of " | "right of " ) ID ": " TEXT
///               | "    Note over " ID "," ID ": " TEXT
///     ID        = "C" | "S"                      (declared before use)
///     TEXT      = { char | "#" digits ";" | "<br/>" }   where char is none of ; # < > " & % { } `
///                 and the word `end` never stands alone
enum MermaidSubset {
    struct Message: Equatable {
        var from: String
        var to: String
        var dashed: Bool
        var text: String
    }

    struct Parsed {
        var participants: [String: String] = [:]
        var messages: [Message] = []
        var notes: [String] = []
        var failures: [String] = []
    }

    static func parse(_ source: String) -> Parsed {
        var parsed = Parsed()
        var started = false
        for (n, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            func fail(_ why: String) { parsed.failures.append("line \(n + 1): \(why): \(line)") }
            if line.isEmpty { continue }
            if !started {
                if line.hasPrefix("%%") { continue }
                if line == "sequenceDiagram" { started = true } else { fail("expected sequenceDiagram") }
                continue
            }
            guard line.hasPrefix("    ") else { fail("statement not indented"); continue }
            let body = String(line.dropFirst(4))
            if body.hasPrefix("participant ") {
                let rest = body.dropFirst("participant ".count)
                guard let range = rest.range(of: " as ") else { fail("participant without alias"); continue }
                let id = String(rest[..<range.lowerBound])
                guard ["C", "S"].contains(id) else { fail("unknown id"); continue }
                let alias = String(rest[range.upperBound...])
                if let why = textProblem(alias) { fail(why) }
                parsed.participants[id] = decode(alias)
            } else if body.hasPrefix("Note ") {
                guard let colon = body.range(of: ": ") else { fail("note without text"); continue }
                let place = body[body.index(body.startIndex, offsetBy: 5)..<colon.lowerBound]
                let ids: [String]
                if place.hasPrefix("left of ") { ids = [String(place.dropFirst(8))] }
                else if place.hasPrefix("right of ") { ids = [String(place.dropFirst(9))] }
                else if place.hasPrefix("over ") { ids = place.dropFirst(5).split(separator: ",").map(String.init) }
                else { fail("unknown note placement"); continue }
                if ids.isEmpty || !ids.allSatisfy({ parsed.participants[$0] != nil }) { fail("note on an undeclared participant") }
                let text = String(body[colon.upperBound...])
                if let why = textProblem(text) { fail(why) }
                parsed.notes.append(decode(text))
            } else {
                guard let colon = body.range(of: ": ") else { fail("not a statement of the subset"); continue }
                let head = String(body[..<colon.lowerBound])
                let dashed = head.contains("-->>")
                let parts = head.components(separatedBy: dashed ? "-->>" : "->>")
                guard parts.count == 2, parts.allSatisfy({ parsed.participants[$0] != nil }) else {
                    fail("not a message between declared participants")
                    continue
                }
                let text = String(body[colon.upperBound...])
                if let why = textProblem(text) { fail(why) }
                parsed.messages.append(Message(from: parts[0], to: parts[1], dashed: dashed, text: decode(text)))
            }
        }
        if !started { parsed.failures.append("no sequenceDiagram") }
        return parsed
    }

    /// Why `text` is not a TEXT of the subset, if it is not.
    static func textProblem(_ text: String) -> String? {
        var rest = Substring(text.replacingOccurrences(of: "<br/>", with: " "))
        while let hash = rest.firstIndex(of: "#") {
            let after = rest[rest.index(after: hash)...]
            guard let semicolon = after.firstIndex(of: ";"), !after[..<semicolon].isEmpty,
                  after[..<semicolon].allSatisfy(\.isASCII), after[..<semicolon].allSatisfy(\.isNumber) else {
                return "a # that starts no entity code"
            }
            rest = rest[..<hash] + " " + after[after.index(after: semicolon)...]
        }
        if let bad = rest.first(where: { ";#<>\"&%{}`".contains($0) }) { return "a raw \(bad)" }
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        if words.contains(where: { $0.lowercased() == "end" }) { return "the word end" }
        if text.hasPrefix("+") || text.hasPrefix("-") { return "text starting with an activation mark" }
        return nil
    }

    /// TEXT as Mermaid shows it: entity codes decoded, `<br/>` as a line break.
    static func decode(_ text: String) -> String {
        var out = ""
        var rest = Substring(text.replacingOccurrences(of: "<br/>", with: "\n"))
        while let hash = rest.firstIndex(of: "#") {
            out += rest[..<hash]
            let after = rest[rest.index(after: hash)...]
            guard let semicolon = after.firstIndex(of: ";"), let code = UInt32(after[..<semicolon]),
                  let scalar = Unicode.Scalar(code) else {
                out += "#"
                rest = after
                continue
            }
            out.unicodeScalars.append(scalar)
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }
}
