#if os(Linux)
@preconcurrency import Glibc
import Synchronization
import Testing
import TraceCore
@testable import TraceProcess
import TraceSockets

@Suite("The gate: no call runs before it says so")
struct GateTests {
    /// Prints CLOCK_MONOTONIC before and after each socket call (Python's monotonic_ns is that clock).
    static let markingClient = """
    import socket, sys, time
    def mark(what):
        print(what, time.monotonic_ns(), flush=True)
    port = int(sys.argv[1])
    mark("before socket")
    s = socket.socket()
    mark("after socket")
    mark("before connect")
    s.connect(("127.0.0.1", port))
    mark("after connect")
    mark("before send")
    s.sendall(b"gated")
    mark("after send")
    mark("before recv")
    s.recv(64)
    mark("after recv")
    mark("before close")
    s.close()
    mark("after close")
    """

    @Test("every call's entry is let through after the gate released it, and the program saw it return later still",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func entriesWaitForTheGate() throws {
        let scratch = Scratch()
        let client = scratch.write("client.py", GateTests.markingClient)
        let listener = try Socket.tcp(.ipv4)
        try listener.bind(to: .loopback())
        try listener.listen(backlog: 4)
        let port = try #require(listener.localAddress?.port)
        let accepted = Flag()
        let peer = BlockingThread { () -> Int in
            let connection = try listener.withDeadline(.seconds(30)) { () throws(SocketError) in try listener.accept() }
            accepted.set()
            let message = try connection.withDeadline(.seconds(30)) { () throws(SocketError) in try connection.receive(upTo: 64) }
            _ = try connection.sendAll("ok")
            _ = try connection.withDeadline(.seconds(30)) { () throws(SocketError) in try connection.receive(upTo: 64) }
            try connection.close()
            return message.count
        }
        let releases = Mutex<[Int: UInt64]>([:])
        let connectionWhileHeld = Flag()
        let gate: ProcessTracer.Gate = { entry in
            guard ProgramEvents.isDrawn(entry) else { return .proceed }
            // Hold each call a while (connect longer), watching that the kernel sees no connection meanwhile.
            let hold: UInt64 = entry.lessonName == .connect ? 50_000_000 : 5_000_000
            let until = MonotonicClock.now() + hold
            for _ in 0..<10_000 where MonotonicClock.now() < until {
                if entry.lessonName == .connect,
                   accepted.isSet || (listener.kernelView()?.acceptQueue ?? 0) > 0 {
                    connectionWhileHeld.set()
                }
                usleep(500)
            }
            releases.withLock { $0[entry.sequence] = MonotonicClock.now() }
            return .proceed
        }
        let (outcome, recorder) = try traceToEnd(quiet(["python3", client, String(port)]), gate: gate)
        #expect(outcome.shellStatus == 0)
        #expect(try peer.join(timeout: .seconds(30)) == 5)
        try listener.close()
        #expect(!connectionWhileHeld.isSet)

        let released = releases.withLock { $0 }
        let calls = recorder.drawnCalls
        #expect(calls.map(\.0.lessonName) == [.socket, .connect, .send, .recv, .close])
        #expect(calls.allSatisfy { released[$0.0.sequence] != nil })
        var marks: [String: UInt64] = [:]
        for line in recorder.output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 3, let time = UInt64(words[2]) { marks["\(words[0]) \(words[1])"] = time }
        }
        #expect(marks.count == 10)
        for (entry, outcome) in calls {
            let release = try #require(released[entry.sequence])
            let name = entry.lessonName.name
            #expect(try #require(marks["before \(name)"]) < entry.time, "\(name): the program asked before the stop")
            #expect(entry.time < release, "\(name): the gate was asked while the program was stopped")
            #expect(release <= entry.released, "\(name): the tracer let it run only after the gate")
            #expect(entry.released < outcome.time, "\(name): it returned after it was let run")
            #expect(release < (try #require(marks["after \(name)"])), "\(name): the program saw it return after the release")
        }
        // The events themselves: every drawn start comes after its release (the gate holds only drawn calls).
        for event in recorder.events {
            if case .callStarted(let entry) = event, ProgramEvents.isDrawn(entry) {
                #expect(released[entry.sequence].map { $0 <= entry.released } == true)
            }
        }
    }

    @Test("a gate that says stop ends the run before the call runs", .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func gateStops() throws {
        let scratch = Scratch()
        let client = scratch.write("client.py", GateTests.markingClient)
        let listener = try Socket.tcp(.ipv4)
        try listener.bind(to: .loopback())
        try listener.listen(backlog: 4)
        let port = try #require(listener.localAddress?.port)
        let gate: ProcessTracer.Gate = { $0.lessonName == .connect && ProgramEvents.isDrawn($0) ? .stop : .proceed }
        let (outcome, recorder) = try traceToEnd(quiet(["python3", client, String(port)]), gate: gate)
        #expect(outcome.wasStopped)
        #expect(outcome.shellStatus == 128 + 9)
        #expect(recorder.drawnCalls.map(\.0.lessonName) == [.socket])
        #expect(!recorder.output.contains("after connect"))
        #expect(listener.kernelView()?.acceptQueue == 0)
        try listener.close()
    }
}
#endif
