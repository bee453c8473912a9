import Foundation
import Testing

/// Reviewed exports kept under `Golden/`. `TRACE_UPDATE_GOLDEN=1 swift test --filter TraceExportTests`
/// rewrites them; review the diff (and look at the pictures) before committing.
enum ExportGolden {
    static func check(_ text: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = Fixture.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TRACE_UPDATE_GOLDEN"] == "1" {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name) (TRACE_UPDATE_GOLDEN=1 swift test writes it)", sourceLocation: sourceLocation)
            return
        }
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record("\(name) differs at line \(line + 1):\n  got:  \(line < got.count ? String(got[line]) : "<end>")\n  want: \(line < want.count ? String(want[line]) : "<end>")",
                     sourceLocation: sourceLocation)
    }
}
