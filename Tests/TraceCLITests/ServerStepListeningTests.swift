import Foundation
import Testing
import TraceSockets

/// `trace server --step` says where it listens with the two lines `trace server` begins with, as soon
/// as its `listen()` returned: before the next card (step 2's), on a scrolling terminal and a full screen.
@Suite("trace server --step says where it listens")
struct ServerStepListeningTests {
    @Test("on a scrolling terminal (TERM=dumb): the two lines, whole, after listen() and before step 2's card")
    func scrolling() throws {
        let server = try PseudoTerminal(executable: Executable.traceURL.path,
                                        arguments: ["server", "--step", "--port", "0", "--lang", "en"],
                                        environment: ["LANG": "C", "TERM": "dumb"], columns: 100)
        #expect(server.read(until: { $0.contains("Enter: ") }))
        #expect(!server.text.contains("listening on"))
        server.type("\n")  // the setup: socket, setsockopt, bind, listen
        #expect(server.read(until: { $0.contains("Step 2 (1 of 4)") }))
        let port = try #require(NetworkStepTests.port(in: server.text))
        let lines = server.text.withoutSGR.components(separatedBy: "\r\n")
        let listening = try #require(lines.firstIndex(of: "trace server: listening on 127.0.0.1:\(port)"))
        #expect(lines[listening + 1] == "reachable from this machine only (to let other machines in: --host 0.0.0.0)")
        let listened = try #require(lines.firstIndex { $0.contains("listen(128) → ok") })
        let card = try #require(lines.firstIndex { $0.contains("Step 2 (1 of 4)") })
        #expect(listened < listening && listening < card)
        server.type("q")
        #expect(server.waitForExit())
        #expect(server.exitStatus == 0)
    }

    @Test("on the full screen (in Spanish): the two lines under step 2's card")
    func fullScreen() throws {
        let server = try PseudoTerminal(executable: Executable.traceURL.path,
                                        arguments: ["server", "--step", "--port", "0", "--lang", "es"],
                                        environment: ["LANG": "C", "TERM": "xterm"], columns: 100, rows: 50)
        #expect(server.read(untilScreen: { $0.isAlternate && $0.lines.last?.contains("Enter: ") == true }))
        server.type("\r")
        #expect(server.read(untilScreen: { screen in
            screen.lines.contains { $0.contains("Paso 2 (1 de 4)") }
                && screen.lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("trace server: escuchando en 127.0.0.1:") }
                && screen.lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("solo accesible desde esta máquina") }
        }), "\(server.screenModel().lines.joined(separator: "\n"))")
        server.type("q")
        #expect(server.waitForExit())
        #expect(server.exitStatus == 0)
    }
}
