#if os(Linux)
@preconcurrency import Glibc
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("Processes, threads, exit statuses and stopping")
struct ProcessTreeTests {
    @Test("exit 3 is 3; the shell's own exit status is the outcome's")
    func exitCode() throws {
        let (outcome, recorder) = try traceToEnd(quiet(["sh", "-c", "exit 3"]))
        #expect(outcome.status == .exited(3))
        #expect(outcome.shellStatus == 3)
        #expect(!outcome.wasStopped)
        #expect(recorder.events.contains { if case .exited(_, 3, _) = $0 { return true } else { return false } })
    }

    @Test("a Python program with two threads: each thread announced, its calls under its own tid",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func threads() throws {
        let scratch = Scratch()
        let program = scratch.write("threads.py", SeedPrograms.pythonThreads)
        let (outcome, recorder) = try traceToEnd(quiet(["python3", program]))
        #expect(outcome.shellStatus == 0)
        let threads = recorder.events.compactMap { if case .processStarted(let s) = $0, s.kind == .thread { return s } else { return nil } }
        #expect(threads.count == 2)
        let pid = try #require(threads.first?.pid)
        #expect(threads.allSatisfy { $0.pid == pid && $0.tid != pid && $0.parentPID == pid })
        for thread in threads {
            let calls = recorder.drawnCalls.filter { $0.0.tid == thread.tid }
            #expect(calls.map(\.0.lessonName).contains(.connect))
            #expect(calls.contains { $0.0.lessonName == .send && $0.1.payload.map { $0.starts(with: Array("thread ".utf8)) } == true })
            #expect(calls.allSatisfy { $0.0.pid == pid })
        }
        let ended = recorder.events.compactMap { if case .threadExited(_, let tid, _) = $0 { return tid } else { return nil } }
        #expect(Set(ended) == Set(threads.map(\.tid)))
        #expect(recorder.drawnCalls.filter { $0.0.tid == pid && $0.0.lessonName == .accept }.count == 2)
        #expect(recorder.output == "both done\n")
    }

    /// Forks a child for each of 30 connections and closes its own copy at once: the child's socket must
    /// still be known to be one when the parent's close is handled before the child's first stop.
    static let forkAndClose = """
    import os, socket
    # One processor for the parent and its children: a child's first stop then tends to come late.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    for _ in range(30):
        client = socket.create_connection(listener.getsockname())
        conn, _ = listener.accept()
        child = os.fork()
        if child == 0:
            conn.sendall(b"from the child")
            os._exit(0)
        conn.close()
        client.recv(64)
        client.close()
        os.waitpid(child, 0)
    """

    @Test("fork then close in the parent: every child's send is on a socket the tracer knows (its table copied at the fork)",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func childKeepsForkTimeDescriptors() throws {
        let scratch = Scratch()
        let program = scratch.write("fork-close.py", ProcessTreeTests.forkAndClose)
        let (outcome, recorder) = try traceToEnd(quiet(["python3", program]))
        #expect(outcome.shellStatus == 0)
        let children = Set(recorder.events.compactMap { if case .processStarted(let s) = $0, s.kind != .thread { return s.pid } else { return nil } })
        let sends = recorder.drawnCalls.filter { children.contains($0.0.pid) && $0.0.lessonName == .send }
        #expect(sends.count == 30, "\(sends.count) of the 30 children's sends reported")
        #expect(sends.allSatisfy { $0.0.socket?.isTCP == true && $0.1.bytesMoved == 14 })
    }

    @Test("a program reading its standard input: the input reaches it, reads of non-sockets are not reported",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func standardInput() throws {
        let scratch = Scratch()
        let program = scratch.write("stdin.py", SeedPrograms.pythonStdin)
        // A file, not a pipe: a pipe's write end could leak into a process another test starts meanwhile.
        let input = open(scratch.write("input.txt", "one\ntwo\nthree\n"), O_RDONLY | O_CLOEXEC)
        defer { Glibc.close(input) }
        let (outcome, recorder) = try traceToEnd(quiet(["python3", program], stdin: input))
        #expect(outcome.shellStatus == 0)
        #expect(recorder.output == "read 14 bytes 3 lines\n")
        #expect(recorder.drawnCalls.isEmpty)
    }

    @Test("stop() kills a tree that never ends: nothing left running, the outcome says stopped")
    func stopKillsTheTree() throws {
        let recorder = Recorder()
        let tracer = ProcessTracer(quiet(["sh", "-c", "sleep 1000 & sleep 1000 & wait"]), handler: recorder.handler)
        let root = try tracer.start()
        #expect(eventually { tracer.livePIDs.count >= 3 })
        let pids = tracer.livePIDs.union([root])
        #expect(pids.allSatisfy(isAlive))
        tracer.stop()
        let outcome = try #require(tracer.wait(timeout: .seconds(20)))
        #expect(outcome.wasStopped)
        #expect(outcome.status == .signalled(.kill, coreDumped: false))
        #expect(outcome.shellStatus == 137)
        #expect(pids.allSatisfy { !isAlive($0) })
        #expect(tracer.livePIDs.isEmpty)
        let killed = recorder.events.compactMap { if case .signalled(let pid, .kill, _, _) = $0 { return pid } else { return nil } }
        #expect(Set(killed) == pids)
    }

    @Test("IPv6 on ::1: addresses decoded as IPv6", .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func ipv6() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)
        let serverEvents = Recorder()
        let serverTracer = ProcessTracer(quiet(["python3", server, "::1"]), handler: serverEvents.handler)
        try serverTracer.start()
        defer { serverTracer.stop() }
        let address = try #require(serverEvents.waitFor { $0.listeningAddress })
        #expect(address.family == .ipv6)
        #expect(address.host == "::1")
        let (clientOutcome, clientEvents) = try traceToEnd(quiet(["python3", client, "::1", String(address.port)]))
        #expect(clientOutcome.shellStatus == 0)
        #expect(serverTracer.wait(timeout: .seconds(30))?.shellStatus == 0)
        let connect = try #require(clientEvents.drawnCalls.first { $0.0.lessonName == .connect })
        #expect(connect.0.arguments.address == address)
        #expect(connect.0.socket?.family == .inet6)
        #expect(connect.1.kernel?.state == .established)
        #expect(connect.1.localAddress?.family == .ipv6)
        let accept = try #require(serverEvents.drawnCalls.first { $0.0.lessonName == .accept })
        #expect(accept.1.peerAddress == connect.1.localAddress)
    }

    /// Three client threads and the accepting main thread of one process, 180 connections: a client's
    /// close() after the reply frees a number just as the server's next accept() (a connection is always
    /// waiting) is given the lowest free one, so the two calls race for it.
    static let reusedNumbers = """
    import socket, threading
    THREADS, EACH = 3, 60
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    def talk():
        for n in range(EACH):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"n%d" % n)
            s.recv(64)
            s.close()
    threads = [threading.Thread(target=talk) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for _ in range(THREADS * EACH):
        conn, _ = listener.accept()
        conn.sendall(b"ok:" + conn.recv(64))
        conn.close()
    for t in threads:
        t.join()
    """

    @Test("a number closed by one thread and given at once to another thread's accept(): every call on it is drawn",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func numberReusedAcrossThreads() throws {
        let scratch = Scratch()
        let program = scratch.write("reuse.py", Self.reusedNumbers)
        let (outcome, recorder) = try traceToEnd(quiet([Tools.python, program]))
        #expect(outcome.shellStatus == 0)
        let calls = recorder.drawnCalls
        let server = try #require(calls.first?.0.tid)
        let served = calls.filter { $0.0.tid == server }.map(\.0.lessonName).filter { [.accept, .recv, .send, .close].contains($0) }
        let expected = Array(repeating: [LessonCall.accept, .recv, .send, .close], count: 180).flatMap { $0 }
        #expect(Array(served.prefix(expected.count)) == expected)
        #expect(served.count == expected.count + 1, "and the listener's own close at the end")
        for client in Set(calls.map(\.0.tid)).subtracting([server]) {
            let talked = calls.filter { $0.0.tid == client }.map(\.0.lessonName)
            #expect(talked == Array(repeating: [LessonCall.socket, .connect, .send, .recv, .close], count: 60).flatMap { $0 })
        }
        #expect(Set(calls.map(\.0.tid)).count == 4)
    }

    @Test("stopping at every system call (no seccomp) sees the same calls as the filter",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func everySystemCall() throws {
        let scratch = Scratch()
        let program = scratch.write("threads.py", SeedPrograms.pythonThreads)
        let (filtered, withFilter) = try traceToEnd(quiet(["python3", program]))
        let (unfiltered, withoutFilter) = try traceToEnd(quiet(["python3", program]),
                                                         options: .init(stopAtEverySystemCall: true))
        #expect(filtered.filter == .seccomp)
        #expect(!unfiltered.filter.usesSeccomp)
        #expect(unfiltered.shellStatus == 0)
        #expect(unfiltered.stops > filtered.stops * 2)
        // Threads interleave differently from run to run: compare each thread's own calls.
        func perThread(_ recorder: Recorder) -> [[LessonCall]] {
            Dictionary(grouping: recorder.drawnCalls, by: \.0.tid).values.map { $0.map(\.0.lessonName) }.sorted { "\($0)" < "\($1)" }
        }
        #expect(perThread(withFilter) == perThread(withoutFilter))
        #expect(withoutFilter.output == "both done\n")
    }
}
#endif
