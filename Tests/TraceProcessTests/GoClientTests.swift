#if os(Linux)
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("A Go client", .enabled(if: Tools.has("go"), "SKIPPED: go is not installed (apt-get install golang-go)"))
struct GoClientTests {
    static let client = """
    package main

    import (
        "fmt"
        "net"
        "os"
    )

    func main() {
        c, err := net.Dial("tcp", "127.0.0.1:"+os.Args[1])
        if err != nil {
            fmt.Println(err)
            os.Exit(2)
        }
        c.Write([]byte("hello from go"))
        buffer := make([]byte, 64)
        n, _ := c.Read(buffer)
        fmt.Printf("reply %s\\n", buffer[:n])
        c.Close()
    }
    """

    @Test("net.Dial: a non-blocking connect (EINPROGRESS), the wait that completes it, SO_ERROR, then write/read")
    func nonBlockingConnect() throws {
        let scratch = Scratch()
        let source = scratch.write("client.go", GoClientTests.client)
        let binary = "\(scratch.path)/client"
        // A cache shared between runs: the first build compiles Go's standard library.
        let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(scratch.path)", "GOCACHE=/tmp/trace-tests-go-cache",
                           "GOPATH=\(scratch.path)/go", "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GO111MODULE=off"]
        #expect(run(["go", "build", "-o", binary, source], environment: environment) == 0)

        let listener = try Socket.tcp(.ipv4)
        try listener.bind(to: .loopback())
        try listener.listen(backlog: 4)
        let port = try #require(listener.localAddress?.port)
        let peer = BlockingThread { () -> [UInt8] in
            let connection = try listener.withDeadline(.seconds(60)) { () throws(SocketError) in try listener.accept() }
            let message = try connection.withDeadline(.seconds(30)) { () throws(SocketError) in try connection.receive(upTo: 64) }
            _ = try connection.sendAll("ack")
            _ = try connection.withDeadline(.seconds(30)) { () throws(SocketError) in try connection.receive(upTo: 64) }
            try connection.close()
            return message
        }
        let (outcome, recorder) = try traceToEnd(quiet([binary, String(port)]))
        #expect(outcome.shellStatus == 0)
        #expect(try peer.join(timeout: .seconds(30)) == Array("hello from go".utf8))
        try listener.close()

        let calls = recorder.calls
        let socket = try #require(calls.first { $0.0.call == .socket && $0.0.arguments.addressFamily == .inet })
        #expect(socket.0.arguments.socketFlags == [.nonBlocking, .closeOnExec])
        let fd = try #require(socket.1.newFD)
        let onSocket = calls.filter { $0.0.fd == fd || $0.0.arguments.waited?.contains { $0.fd == fd } == true }
        let connectIndex = try #require(onSocket.firstIndex { $0.0.call == .connect })
        #expect(onSocket[connectIndex].1.error == .inProgress)
        let errorIndex = try #require(onSocket.firstIndex { $0.0.call == .getsockopt && $0.0.arguments.option == .error })
        #expect(connectIndex < errorIndex)
        #expect(onSocket[errorIndex].1.optionValue == .pendingError(nil))
        #expect(onSocket[errorIndex].1.kernel?.state == .established)
        // Go waits in epoll for the socket to become writable; the wait that saw it is between the two.
        let waits = onSocket[connectIndex..<errorIndex].filter { $0.0.lessonName == .epollWait }
        #expect(waits.contains { $0.1.ready?.contains { $0.fd == fd && $0.ready?.contains(.writable) == true } == true })
        let after = onSocket[errorIndex...].map(\.0.call)
        #expect(after.contains(.write) && after.contains(.read) && after.last == .close)
        let write = try #require(onSocket.first { $0.0.call == .write })
        #expect(write.0.lessonName == .send)
        #expect(write.1.payload == Array("hello from go".utf8))
        #expect(recorder.output == "reply ack\n")
        #expect(recorder.events.contains { if case .processStarted(let s) = $0 { return s.kind == .thread } else { return false } })
    }
}
#endif
