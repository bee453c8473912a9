import Foundation
import Testing
@testable import TraceExport
import TraceCore
import TraceText

@Suite("HTML: one self-contained page, stepped through in a real browser", .serialized)
struct HTMLPageTests {

    /// The seed's page in Spanish, written to a scratch directory with a test script, if any.
    static func page(_ file: String = Fixture.seed, lang: Language = .es, testScript: String? = nil,
                     in dir: URL) throws -> URL {
        let events = try JSONLinesReader.events(fromFile: file)
        let output = StringOutput()
        let options = ExportOptions(language: lang, narrator: nil)
        let exporter = DiagramExporter(format: .html, options: options, diagram: .init(), output: output, testScript: testScript)
        for event in events { exporter.receive(event) }
        exporter.finish()
        let url = dir.appendingPathComponent("page.html")
        try output.text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("self-contained: no external reference, a policy that allows nothing but its own script and styles")
    func selfContained() throws {
        let html = try Fixture.export(Fixture.seed, "html", lang: "en")
        for reference in [" src=", " href=", "@import", "url(h", "url(/", "url(.", "url(\"", "url('"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        let policy = try #require(Browser.attribute("content", in: html.components(separatedBy: "Content-Security-Policy\"")[1]))
        #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(html.components(separatedBy: "<script>").count == 2, "one script")
        #expect(html.contains("aria-live=\"polite\""))
        #expect(html.contains("@media print") && html.contains("prefers-color-scheme: dark"))
    }

    @Test("the policy's hashes are SHA-256 of the page's own script and styles")
    func hashes() {
        #expect(SHA256.base64(SHA256.digest(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64(SHA256.digest([])) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.base64(SHA256.digest(long)) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=")
        let fox = Array(String(repeating: "The quick brown fox jumps over the lazy dog", count: 3).utf8)
        #expect(SHA256.base64(SHA256.digest(fox)) == "XPor8CPyKsgrAM2IPqloUmd/8uzXd/ZWFGvSIATrdfI=")
    }

    @Test("#step=5 shows step 5: its card, its place announced, the rows after it faded",
          .enabled(if: Tools.chromium != nil, "SKIPPED: chromium is not installed (apt-get install chromium)"))
    func deepLink() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dom = try Browser.dumpDOM(try Self.page(in: dir), fragment: "#step=5")
        let current = dom.components(separatedBy: "<li class=\"stop\"").dropFirst().filter { $0.prefix(300).contains("aria-current=\"step\"") }
        try #require(current.count == 1, "exactly one current stop")
        #expect(dom.range(of: "<li class=\"stop\" id=\"stop-6\" data-stop=\"5\" data-step=\"5\"")
            .map { dom[$0.lowerBound...].prefix(400).contains("aria-current=\"step\"") } == true)
        let position = dom.components(separatedBy: "id=\"trace-position\"")[1]
        #expect(position.contains(">Paso 5 · Servidor — 6 de 11<"))
        #expect(dom.components(separatedBy: "hidden=\"\"").count - 1 == 10, "the other ten stops hidden")
        #expect(dom.contains("class=\"row right numbered current\" data-stop=\"5\""))
        #expect(dom.contains("class=\"row left numbered later\" data-stop=\"6\""))
    }

    static let keyScript = """
    (function () {
      var visited = [];
      function current() {
        var stop = document.querySelector('li.stop[aria-current="step"]');
        if (!stop) { return 'none'; }
        return stop.getAttribute('data-step') !== null ? stop.getAttribute('data-step') : 'stop' + (parseInt(stop.getAttribute('data-stop'), 10) + 1);
      }
      visited.push('start=' + current());
      ['ArrowRight', 'ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp', 'End', 'ArrowRight', 'Home', 'ArrowLeft', 'n', 'p'].forEach(function (key) {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: key, bubbles: true, cancelable: true }));
        visited.push(key + '=' + current());
      });
      document.querySelector('button[data-go="next"]').click();
      visited.push('click-next=' + current());
      var rules = [];
      Array.prototype.forEach.call(document.styleSheets, function (sheet) {
        Array.prototype.forEach.call(sheet.cssRules, function (rule) {
          if (rule.media && rule.media.mediaText === 'print') {
            Array.prototype.forEach.call(rule.cssRules, function (inner) { rules.push(inner.cssText); });
          }
        });
      });
      document.body.setAttribute('data-test-visited', visited.join(','));
      document.body.setAttribute('data-test-print', rules.join(' | '));
      document.body.setAttribute('data-test-hash', location.hash);
    })();
    """

    @Test("keys move between stops: → space PageDown next, ← PageUp back, Home, End; buttons too; the link follows",
          .enabled(if: Tools.chromium != nil, "SKIPPED: chromium is not installed (apt-get install chromium)"))
    func keys() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dom = try Browser.dumpDOM(try Self.page(testScript: Self.keyScript, in: dir), fragment: "#step=5")
        let visited = try #require(Browser.attribute("data-test-visited", in: dom))
        #expect(visited == "start=5,ArrowRight=6,ArrowRight=7, =8,PageDown=9,ArrowLeft=8,PageUp=7,End=stop11,ArrowRight=stop11,Home=0,ArrowLeft=0,n=1,p=0,click-next=1")
        #expect(Browser.attribute("data-test-hash", in: dom) == "#step=1")
        let print = try #require(Browser.attribute("data-test-print", in: dom))
        #expect(print.contains("li.stop[hidden]") && print.contains("display: block !important"), "print shows every stop: \(print)")
        #expect(print.contains(".controls") , "print leaves the buttons out")
    }

    @Test("a screenshot has content: the ladder and a card, not a blank page", .enabled(if: Tools.chromium != nil, "SKIPPED: chromium is not installed (apt-get install chromium)"))
    func screenshot() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shot = dir.appendingPathComponent("page.png"), blank = dir.appendingPathComponent("blank.png")
        try Browser.screenshot(try Self.page(in: dir), fragment: "#step=5", to: shot)
        let empty = dir.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: empty, atomically: true, encoding: .utf8)
        try Browser.screenshot(empty, to: blank)
        let png = try Data(contentsOf: shot), none = try Data(contentsOf: blank)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 900)
        #expect(png.count > 20 * none.count, "\(png.count) bytes against \(none.count) for a blank page")
    }

    static let hostileScript = """
    (function () {
      document.body.setAttribute('data-test-title', document.title);
      document.body.setAttribute('data-test-scripts', String(document.scripts.length));
      document.body.setAttribute('data-test-images', String(document.images.length));
      document.body.setAttribute('data-test-svgs', String(document.querySelectorAll('svg').length));
      var shown = document.body.textContent;
      var sent = '\\u003cscript>document.title=\\'PWNED\\'\\u003c/script>\\u003c/svg>]]>';
      document.body.setAttribute('data-test-shown', String(shown.indexOf(sent) >= 0 && shown.indexOf('\\u003cimg src=x onerror=alert(1)>') >= 0));
    })();
    """

    @Test("a peer's <script>, </svg>, ]]> and <img onerror> are shown as text and run nothing", .enabled(if: Tools.chromium != nil, "SKIPPED: chromium is not installed (apt-get install chromium)"))
    func hostilePayload() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try Browser.dumpDOM(try Self.page(Fixture.hostile, lang: .en, in: dir), fragment: "#step=3")
        #expect(plain.components(separatedBy: "<script").count == 2, "the page's own script only")
        #expect(!plain.contains("<img"))
        #expect(plain.contains("<title>Grabación") || plain.contains("<title>trace"), "the title is the page's")
        let probed = try Browser.dumpDOM(try Self.page(Fixture.hostile, lang: .en, testScript: Self.hostileScript, in: dir))
        #expect(Browser.attribute("data-test-title", in: probed)?.contains("PWNED") == false)
        #expect(Browser.attribute("data-test-scripts", in: probed) == "2")
        #expect(Browser.attribute("data-test-images", in: probed) == "0")
        #expect(Browser.attribute("data-test-svgs", in: probed) == "1")
        #expect(Browser.attribute("data-test-shown", in: probed) == "true")
    }
}
