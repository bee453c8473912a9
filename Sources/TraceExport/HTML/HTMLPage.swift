import TraceCore
import TraceModel
import TraceText

/// The page around the ladder: its head (policy, styles), the controls, and the transcript of the
/// stops: each one's calls with result, time and state, what crossed the connection, the
/// explanations in the page's language (or both), and the glossary terms defined in place.
struct HTMLPage {
    let diagram: ExportDiagram
    let rows: [ExportRow]
    let stops: [Stop]
    let testScript: String?
    /// Each explanation language's explanations, one entry per row.
    private let explanations: [(Language, [Explanation?])]

    init(diagram: ExportDiagram, rows: [ExportRow], stops: [Stop], testScript: String?) {
        self.diagram = diagram
        self.rows = rows
        self.stops = stops
        self.testScript = testScript
        let models = rows.map(\.row)
        explanations = diagram.options.narrator.map { narrator in
            diagram.options.explanationLanguages.map { ($0, narrator.explanations(of: models, header: diagram.header, language: $0)) }
        } ?? []
    }

    private var words: ExportWords { diagram.words }
    private var language: Language { diagram.options.language }

    private func e(_ text: String) -> String { XMLText.escape(text) }

    /// Only the page's own script and style sheets may run; nothing may be fetched.
    var policy: String {
        let scripts = ([HTMLScript.source] + (testScript.map { [$0] } ?? [])).map(SHA256.cspSource).joined(separator: " ")
        let styles = [HTMLStyle.sheet, SVGStyle.sheet].map(SHA256.cspSource).joined(separator: " ")
        return "default-src 'none'; script-src \(scripts); style-src \(styles); img-src data:; base-uri 'none'; form-action 'none'"
    }

    func writeHead(into out: inout ChunkedText) {
        out.line("<!DOCTYPE html>")
        out.line("<html lang=\"\(language.rawValue)\">")
        out.line("<head>")
        out.line("<meta charset=\"utf-8\">")
        out.line("<meta http-equiv=\"Content-Security-Policy\" content=\"\(e(policy))\">")
        out.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.line("<meta name=\"color-scheme\" content=\"light dark\">")
        if let tool = diagram.header?.tool { out.line("<meta name=\"generator\" content=\"\(e(tool))\">") }
        out.line("<title>" + e(diagram.title) + "</title>")
        out.line("<style>" + HTMLStyle.sheet + "</style>")
        out.line("</head>")
        out.line("<body>")
        out.line("<header>")
        out.line("<h1>" + e(diagram.title) + "</h1>")
        if let about = words.about(diagram.header) { out.line("<p class=\"about\">" + e(about) + "</p>") }
        out.line("<p class=\"keys\">" + e(words.keys) + "</p>")
        out.line("<p class=\"noscript\">" + e(words.noScript) + "</p>")
        out.line("</header>")
        out.line("<nav class=\"controls\" aria-label=\"\(e(words.stepsLabel))\">")
        for (go, label, glyph) in [("first", words.first, "|◀"), ("previous", words.previous, "◀")] {
            out.line("<button type=\"button\" data-go=\"\(go)\"><span aria-hidden=\"true\">\(glyph)</span> " + e(label) + "</button>")
        }
        out.line("<span id=\"trace-position\" class=\"position\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></span>")
        for (go, label, glyph) in [("next", words.next, "▶"), ("last", words.last, "▶|")] {
            out.line("<button type=\"button\" data-go=\"\(go)\">" + e(label) + " <span aria-hidden=\"true\">\(glyph)</span></button>")
        }
        out.line("</nav>")
        out.line("<main>")
        out.line("<figure class=\"ladder\">")
    }

    func writeTranscript(into out: inout ChunkedText) {
        out.line("</figure>")
        out.line("<section class=\"transcript\" aria-labelledby=\"trace-transcript\">")
        out.line("<h2 id=\"trace-transcript\">" + e(words.transcriptHeading) + "</h2>")
        out.line("<ol class=\"stops\">")
        for (k, stop) in stops.enumerated() { write(stop, index: k, into: &out) }
        out.line("</ol>")
        out.line("</section>")
    }

    func writeEnd(into out: inout ChunkedText) {
        out.line("</main>")
        out.line("<script>" + HTMLScript.source + "</script>")
        if let testScript { out.line("<script>" + testScript + "</script>") }
        out.line("</body>")
        out.line("</html>")
    }

    // MARK: - One stop

    private func write(_ stop: Stop, index k: Int, into out: inout ChunkedText) {
        let announce = words.title(of: stop) + sides(of: stop) + " — " + words.stepOf(k + 1, stops.count)
        let step = stop.deepLink.map { " data-step=\"\($0)\"" } ?? ""
        out.line("<li class=\"stop\" id=\"stop-\(k + 1)\" data-stop=\"\(k)\"\(step) data-announce=\"\(e(announce))\" aria-labelledby=\"stop-\(k + 1)-title\">")
        out.line("<h3 id=\"stop-\(k + 1)-title\">" + e(words.title(of: stop) + sides(of: stop)) + "</h3>")
        out.line("<ol class=\"calls\">")
        for i in stop.rows { writeCall(rows[i], into: &out) }
        out.line("</ol>")
        writeExplanations(stop, into: &out)
        out.line("</li>")
    }

    /// ` · Cliente`, ` · Servidor`, or both, for the programs whose rows the stop holds.
    private func sides(of stop: Stop) -> String {
        var sides: [Side] = []
        for i in stop.rows where rows[i].lane != .middle && !sides.contains(rows[i].row.side) { sides.append(rows[i].row.side) }
        guard !sides.isEmpty else { return "" }
        return " · " + sides.map { words.diagram.title($0) }.joined(separator: ", ")
    }

    private func writeCall(_ row: ExportRow, into out: inout ChunkedText) {
        var line = "<li><code>" + e(row.label) + "</code>"
        if let state = row.state { line += " <span class=\"state\">" + e(state) + "</span>" }
        line += "<span class=\"time\">" + e(words.times(row)) + "</span>"
        if let arrow = row.row.arrow, row.lane != .middle {
            line += "<span class=\"crossing\">" + e(words.crossing(arrow, from: row.row.side)) + "</span>"
        }
        out.line(line + "</li>")
    }

    private func writeExplanations(_ stop: Stop, into out: inout ChunkedText) {
        guard let narrator = diagram.options.narrator else { return }
        for (language, all) in explanations {
            let words = ExportWords(language: language)
            var seen: Set<Explanation> = []
            var explanations: [Explanation] = []
            for i in stop.rows {
                if let explanation = all[i], seen.insert(explanation).inserted { explanations.append(explanation) }
            }
            var terms: [GlossaryTerm] = []
            if case .step(let n) = stop.kind { terms += narrator.terms(ofStep: n, header: diagram.header, language: language) }
            terms += explanations.flatMap(\.terms)
            var names: Set<String> = []
            terms = terms.filter { names.insert($0.name).inserted }
            guard !explanations.isEmpty || !terms.isEmpty else { continue }
            out.line("<div class=\"explain\" lang=\"\(language.rawValue)\">")
            if diagram.options.bothLanguages { out.line("<p class=\"language\">" + e(words.languageName) + "</p>") }
            for explanation in explanations {
                out.line("<p><strong><code>" + e(explanation.call) + "</code></strong> " + e(words.inProgram) + ": " + e(explanation.program) + "</p>")
                out.line("<p>" + e(words.inKernel) + ": " + e(explanation.kernel) + "</p>")
            }
            if !terms.isEmpty {
                out.line("<dl class=\"terms\" aria-label=\"\(e(words.terms))\">")
                for term in terms {
                    out.line("<dt><dfn>" + e(term.name) + "</dfn></dt><dd>" + e(term.definition ?? words.noDefinition) + "</dd>")
                }
                out.line("</dl>")
            }
            out.line("</div>")
        }
    }
}
