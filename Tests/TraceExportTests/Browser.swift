import Foundation
import Testing
import TraceCore
import TraceExport

/// Debian's Chromium, headless, on pages from `file://`: the DOM after the page's scripts ran, or a
/// screenshot. Each run has a profile of its own (tests run side by side) and no network to use.
enum Browser {
    static func dumpDOM(_ page: URL, fragment: String = "") throws -> String {
        try run(["--dump-dom", page.absoluteString + fragment]).output
    }

    static func screenshot(_ page: URL, fragment: String = "", to png: URL, width: Int = 1280, height: Int = 900,
                           extra: [String] = []) throws {
        _ = try run(extra + ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
                              page.absoluteString + fragment])
    }

    private static func run(_ arguments: [String]) throws -> Command {
        let profile = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: profile) }
        let command = try Command.run(try #require(Tools.chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=10000",
        ] + arguments, timeout: 90)
        try #require(command.status == 0, "chromium failed (\(command.status)): \(command.errors.suffix(400))")
        return command
    }

    /// Every text node of a DOM dump, its entities decoded.
    static func texts(in dom: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(dom)
        while let close = rest.firstIndex(of: ">") {
            rest = rest[rest.index(after: close)...]
            let end = rest.firstIndex(of: "<") ?? rest.endIndex
            let text = rest[..<end]
            if !text.allSatisfy(\.isWhitespace) { texts.append(decode(String(text))) }
            rest = rest[end...]
        }
        return texts
    }

    /// An attribute's value on the first element that has it, decoded.
    static func attribute(_ name: String, in dom: String) -> String? {
        guard let start = dom.range(of: " \(name)=\"") else { return nil }
        let rest = dom[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return decode(String(rest[..<end]))
    }

    static func decode(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semicolon) <= 8 else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
            if let value = named[String(name)] {
                out += value
            } else if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(code) {
                out.unicodeScalars.append(s)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let s = Unicode.Scalar(code) {
                out.unicodeScalars.append(s)
            } else {
                out += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }
}

extension Fixture {
    /// `events` exported by the library itself, without the command line.
    static func exportEvents(_ events: [TraceEvent], format: ExportFormat, language: String = "en") -> String {
        DiagramExporter.render(events, format: format, options: ExportOptions(language: language == "es" ? .es : .en))
    }
}
