import Foundation
import Testing
import TraceCore
import TraceModel
import TraceRowText

@Suite("Mermaid: the subset GitHub renders, checked by its grammar and by Mermaid itself")
struct MermaidTests {
    @Test("every line of the seed's and the hostile run's exports is in the subset", arguments: [Fixture.seed, Fixture.hostile])
    func grammar(file: String) throws {
        for lang in ["es", "en"] {
            let parsed = MermaidSubset.parse(try Fixture.export(file, "mermaid", lang: lang))
            #expect(parsed.failures == [])
            #expect(Set(parsed.participants.keys) == ["C", "S"])
            #expect(!parsed.messages.isEmpty)
        }
    }

    @Test("one message per row, in the model's order, its words decoded exactly as the terminal's")
    func messagesAreTheRows() throws {
        let events = try JSONLinesReader.events(fromFile: Fixture.hostile)
        let rows = DiagramBuilder.rows(of: events).filter { $0.participant.actor != .tool }
        let parsed = MermaidSubset.parse(try Fixture.export(Fixture.hostile, "mermaid", lang: "en"))
        try #require(parsed.messages.count == rows.count)
        for (message, row) in zip(parsed.messages, rows) {
            let words = RowText(row, wording: Wording(language: .en)).filter { !$0.isState }.text
            #expect(message.text.hasPrefix(row.number.map { "\($0). " } ?? ""))
            #expect(message.text.contains(words), "\(message.text) should say \(words)")
            #expect(message.dashed == (row.arrow?.evidence == .inferred))
            let me = row.side == .left ? "C" : "S"
            #expect(message.from == me || message.to == me)
        }
        #expect(parsed.messages.contains { $0.text.contains("<script>document.title='PWNED'</script></svg>]]>") })
        #expect(parsed.messages.contains { $0.text.contains(";#end %date() [[x]] **b** \\x1b") })
    }

    @Test("escaping: ; # quotes, markup and the word end", arguments: [
        "a;b", "#1", "\"q\"", "<b>", "a & b", "100%", "{x}", "end", "The END.", "append end_x ending",
    ])
    func escaping(text: String) {
        let escaped = MermaidTextProbe.escape(text)
        #expect(MermaidSubset.textProblem(escaped) == nil, "\(escaped)")
        #expect(MermaidSubset.decode(escaped) == text)
    }

    @Test("rendered by Mermaid in Chromium, offline: no error, and the hostile text shown as text",
          .enabled(if: Tools.chromium != nil, "SKIPPED: chromium is not installed (apt-get install chromium)"),
          .enabled(if: Tools.mermaidJS != nil, "SKIPPED: no mermaid.min.js (the npm registry is out of reach; .ci/run takes it from PyPI's artoo-mermaid wheel and sets TRACE_MERMAID_JS)"))
    func rendered() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Tools.mermaidJS!, to: dir.appendingPathComponent("mermaid.min.js"))
        for file in [Fixture.seed, Fixture.hostile] {
            let source = try Fixture.export(file, "mermaid", lang: "en")
            let page = dir.appendingPathComponent("mermaid.html")
            try MermaidPage.html(source).write(to: page, atomically: true, encoding: .utf8)
            let dom = try Browser.dumpDOM(page)
            #expect(dom.contains("data-result=\"rendered\""), "Mermaid did not render: \(Browser.attribute("data-error", in: dom) ?? "no error text")")
            let shown = Browser.texts(in: dom)
            #expect(shown.contains { $0.contains("connect(127.0.0.1:") })
            if file == Fixture.hostile {
                #expect(shown.contains { $0.contains("<script>document.title='PWNED'</script></svg>]]>") })
                #expect(shown.contains { $0.contains("%date() [[x]] **b**") })
                #expect(!dom.contains("<title>PWNED"))
            }
        }
    }
}

/// The exporter's own escaping, reached through a one-row export.
enum MermaidTextProbe {
    static func escape(_ text: String) -> String {
        let event = TraceEvent(seq: 1, phase: .instant, actor: .client, operation: .note, text: text)
        let source = Fixture.exportEvents([event], format: .mermaid)
        let line = source.split(separator: "\n").first { $0.contains("C->>C: ") } ?? ""
        return String(line.split(separator: ":", maxSplits: 1).last ?? "").dropFirst().description
    }
}

/// A page that renders a Mermaid source with the `mermaid.min.js` beside it and says how it went.
enum MermaidPage {
    static func html(_ source: String) -> String {
        let escaped = source.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head><body>
        <pre id="source">\(escaped)</pre><div id="out"></div>
        <script>
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
        mermaid.render('diagram', document.getElementById('source').textContent).then(function (result) {
          document.getElementById('out').innerHTML = result.svg;
          document.body.setAttribute('data-result', 'rendered');
        }).catch(function (error) {
          document.body.setAttribute('data-result', 'failed');
          document.body.setAttribute('data-error', String(error));
        });
        </script></body></html>
        """
    }
}
