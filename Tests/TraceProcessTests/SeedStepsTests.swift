import Testing
import TraceCore
@testable import TraceProcess

/// The seed's steps given to a traced pair's calls, on made-up calls in the orders threads can produce.
@Suite("The seed's steps, matched to a traced program's calls")
struct SeedStepsTests {
    static let server: Int32 = 100, client: Int32 = 200

    static func call(_ actor: TraceEvent.Actor, _ operation: TraceEvent.Operation, fd: Int32, bytes: Int? = nil,
                     newFD: Int32? = nil, error: String? = nil) -> TraceEvent {
        var e = TraceEvent(phase: .done, actor: actor, operation: operation, fd: fd, newFD: newFD, bytes: bytes,
                           pid: actor == .server ? server : client, tid: actor == .server ? server : client)
        if let error { e.error = .init(name: error, code: 1, message: "", call: operation.rawValue) }
        return e
    }

    /// One call through the matcher as the tracer does it: its entry, then its return.
    static func run(_ steps: inout SeedSteps, _ e: TraceEvent) -> Int? {
        var start = e
        start.phase = .start
        let entered = steps.entering(start)
        return steps.finished(e, enteredAs: entered)
    }

    static func printed(_ steps: inout SeedSteps, _ actor: TraceEvent.Actor) -> Int? {
        steps.printed(TraceEvent(phase: .instant, actor: actor, operation: .print, pid: actor == .server ? server : client))
    }

    @Test("the lesson's exchange: 1 to 9, prints included")
    func lesson() {
        var s = SeedSteps(traced: [.server, .client])
        var got: [Int?] = []
        got.append(Self.run(&s, Self.call(.client, .connect, fd: 3)))
        got.append(Self.run(&s, Self.call(.server, .accept, fd: 3, newFD: 4)))
        got.append(Self.run(&s, Self.call(.client, .send, fd: 3, bytes: 5)))
        got.append(Self.run(&s, Self.call(.server, .recv, fd: 4, bytes: 5)))
        got.append(Self.printed(&s, .server))
        got.append(Self.run(&s, Self.call(.server, .send, fd: 4, bytes: 2)))
        got.append(Self.run(&s, Self.call(.client, .recv, fd: 3, bytes: 2)))
        got.append(Self.printed(&s, .client))
        got.append(Self.run(&s, Self.call(.client, .close, fd: 3)))
        got.append(Self.run(&s, Self.call(.server, .recv, fd: 4, bytes: 0)))
        got.append(Self.run(&s, Self.call(.server, .close, fd: 4)))
        #expect(got == [1, 2, 3, 4, 4, 5, 6, 7, 8, 9, nil])
    }

    @Test("the client sends while the server is still inside accept(): 3 before 2, both numbered")
    func sendBeforeAcceptReturns() {
        var s = SeedSteps(traced: [.server, .client])
        var accept = Self.call(.server, .accept, fd: 3, newFD: 4)
        accept.phase = .start
        #expect(s.entering(accept) == nil)
        #expect(s.expected(accept) == 2)
        #expect(Self.run(&s, Self.call(.client, .connect, fd: 3)) == 1)
        #expect(Self.run(&s, Self.call(.client, .send, fd: 3, bytes: 5)) == 3)
        accept.phase = .done
        #expect(s.finished(accept, enteredAs: nil) == 2)
    }

    @Test("a send before the server is even in accept() is not numbered: nothing would wait for a step 2 that may not come")
    func sendWithoutAccept() {
        var s = SeedSteps(traced: [.server, .client])
        #expect(Self.run(&s, Self.call(.client, .connect, fd: 3)) == 1)
        #expect(Self.run(&s, Self.call(.client, .send, fd: 3, bytes: 5)) == nil)
    }

    @Test("a client that prints after closing: 8 is its close, its print is not 7")
    func printAfterClose() {
        var s = SeedSteps(traced: [.client])
        #expect(Self.run(&s, Self.call(.client, .connect, fd: 3)) == 1)
        #expect(Self.run(&s, Self.call(.client, .send, fd: 3, bytes: 5)) == 3)
        #expect(Self.run(&s, Self.call(.client, .recv, fd: 3, bytes: 2)) == 6)
        #expect(Self.run(&s, Self.call(.client, .close, fd: 3)) == 8)
        #expect(Self.printed(&s, .client) == nil)
    }

    @Test("leaving the lesson (the server closes first) ends the numbering for both sides")
    func deviation() {
        var s = SeedSteps(traced: [.server, .client])
        #expect(Self.run(&s, Self.call(.client, .connect, fd: 3)) == 1)
        #expect(Self.run(&s, Self.call(.server, .accept, fd: 3, newFD: 4)) == 2)
        #expect(Self.run(&s, Self.call(.server, .close, fd: 4)) == nil)
        #expect(Self.run(&s, Self.call(.client, .send, fd: 3, bytes: 5)) == nil)
        #expect(Self.run(&s, Self.call(.client, .recv, fd: 3, bytes: 0)) == nil)
    }

    @Test("a non-blocking connect (EINPROGRESS) is step 1; a refused one ends the numbering")
    func connects() {
        var pending = SeedSteps(traced: [.client])
        #expect(Self.run(&pending, Self.call(.client, .connect, fd: 3, error: "EINPROGRESS")) == 1)
        #expect(Self.run(&pending, Self.call(.client, .recv, fd: 3, error: "EAGAIN")) == nil)
        #expect(Self.run(&pending, Self.call(.client, .send, fd: 3, bytes: 5)) == 3)
        var refused = SeedSteps(traced: [.client])
        #expect(Self.run(&refused, Self.call(.client, .connect, fd: 3, error: "ECONNREFUSED")) == 1)
        #expect(Self.run(&refused, Self.call(.client, .send, fd: 3, bytes: 5)) == nil)
    }

    @Test("the plan has the traced sides' steps; a print step needs nothing to finish")
    func plans() {
        #expect(SeedSteps.plan(tracing: [.server]).steps.map(\.number) == [2, 4, 5, 9])
        #expect(SeedSteps.plan(tracing: [.client]).steps.map(\.number) == [1, 3, 6, 7, 8])
        let both = SeedSteps.plan(tracing: [.server, .client])
        #expect(both.steps.map(\.number) == Array(1...9))
        #expect(both.steps[6].completions.isEmpty && both.steps[2].completions == [.init(.client, .send)])
    }
}
