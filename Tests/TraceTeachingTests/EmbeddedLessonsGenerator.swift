/// Writes `Sources/TraceTeaching/EmbeddedLessons.swift`: the files of `Lessons/` as Swift string
/// literals, one line per literal so that a change to a lesson reads as the same change in the copy.
enum EmbeddedLessonsGenerator {
    static let command = "TRACE_UPDATE_EMBEDDED=1 swift test --filter Embedded"

    static func source(for files: [(name: String, text: String)]) -> String {
        var out = """
            // Generated from Lessons/ by `\(command)`: do not edit.
            // A test fails when this copy differs from Lessons/.
            enum EmbeddedLessons {
                static let files: [SourceFile] = [

            """
        for file in files {
            out += "        SourceFile(name: \(literal(file.name)), lines: [\n"
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "            \(literal(String(line))),\n"
            }
            out += "        ]),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// A Swift string literal with exactly this text.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
