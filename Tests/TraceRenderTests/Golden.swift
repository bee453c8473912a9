import Foundation
import Testing
import TraceText

/// Reviewed outputs kept as files under `Golden/`. `TRACE_UPDATE_GOLDEN=1 swift test` rewrites them and
/// fails, so that a rewrite is never taken for a pass; review the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func check(_ lines: [String], against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TRACE_UPDATE_GOLDEN"] == "1" {
            // A rewrite is never a pass: review the diff, then run the tests again without the variable.
            do { try text.write(to: url(name), atomically: true, encoding: .utf8) } catch {
                Issue.record("could not rewrite \(name): \(error)", sourceLocation: sourceLocation)
                return
            }
            Issue.record("rewrote \(name) (TRACE_UPDATE_GOLDEN=1): review it and run again without the variable", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url(name), encoding: .utf8) else {
            Issue.record("no golden file \(name) (TRACE_UPDATE_GOLDEN=1 swift test writes it)", sourceLocation: sourceLocation)
            return
        }
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record("""
            \(name) differs at line \(line + 1):
              got:  \(line < got.count ? String(got[line]) : "<end>")
              want: \(line < want.count ? String(want[line]) : "<end>")
            """, sourceLocation: sourceLocation)
    }
}
