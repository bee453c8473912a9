import Foundation
import Testing
import TraceSockets
import TraceRender

/// Issue 14: `accept() … waiting for a client` must not follow a card that said accept() will not wait.
@Suite("trace server --step: the diagram agrees with the card about accept()")
struct AcceptWaitTests {
    @Test("a client already queued before step 2: the card says it will not wait, and no waiting row is drawn")
    func queuedBeforeStepTwo() throws {
        let server = try PseudoTerminal(executable: Executable.traceURL.path,
                                        arguments: ["server", "--step", "--port", "0", "--lang", "en"],
                                        environment: ["LANG": "C", "TERM": "xterm"], columns: 100, rows: 50)
        #expect(server.read(until: { $0.contains("Enter: ") }))
        server.type("\r")  // the setup
        #expect(server.read(until: { NetworkStepTests.port(in: $0) != nil }))
        let port = try #require(NetworkStepTests.port(in: server.text))
        let client = BlockingThread { try Executable.run(["client", "--port", port, "--lang", "en"]) }
        // The card of step 2 is refreshed from the kernel: the connection waits in the queue.
        #expect(server.read(until: { $0.contains("queued: 1") }))
        // On the full screen, the kernel's "now" takes the place of the note that stopped being true.
        #expect(server.read(untilScreen: { screen in
            screen.lines.contains { $0.contains("Now: The kernel already did it") }
                && !screen.lines.contains { $0.contains("The listen queue is empty") }
        }), "\(server.screenModel().lines.joined(separator: "\n"))")
        server.type("a")
        #expect(try client.join(timeout: .seconds(30)).status == 0)
        #expect(server.waitForExit())
        #expect(server.exitStatus == 0)
        let text = server.text.withoutSGR
        #expect(text.contains("accept() → fd"))
        #expect(!text.contains("waiting for a client"))
    }
}
