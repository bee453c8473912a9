#if os(Linux)
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("The less common socket calls, decoded", .enabled(if: Tools.has("gcc"), "SKIPPED: gcc is not installed (apt-get install gcc)"))
struct VectoredCallTests {
    @Test("writev/readv, sendmsg/recvmsg, ppoll, dup/dup2, setsockopt values, getpeername, shutdown, a socketpair")
    func vectored() throws {
        let scratch = Scratch()
        let program = try #require(scratch.compileC("vectored", CPrograms.vectored))
        let (outcome, recorder) = try traceToEnd(quiet([program]))
        #expect(outcome.shellStatus == 0)
        let calls = recorder.calls
        func first(_ call: SystemCall) throws -> (SyscallEntry, SyscallOutcome) { try #require(calls.first { $0.0.call == call }) }

        let listener = try first(.socket)
        #expect(listener.0.arguments.socketFlags == .closeOnExec)
        #expect(listener.0.arguments.protocolNumber == 6)
        let options = calls.filter { $0.0.call == .setsockopt }
        #expect(options.map(\.0.arguments.option) == [.noDelay, .linger])
        #expect(options.map(\.0.arguments.optionValue) == [.integer(1), .linger(enabled: true, seconds: 2)])
        let accept = try first(.accept4)
        #expect(accept.0.lessonName == .accept)
        let connect = try first(.connect)
        #expect(try first(.getpeername).1.peerAddress == connect.0.arguments.address)
        #expect(accept.1.peerAddress == connect.1.localAddress)

        let writev = try first(.writev)
        #expect(writev.0.arguments.byteCount == 8)
        #expect(writev.1.payload == Array("vectored".utf8))
        let ppoll = try first(.ppoll)
        #expect(ppoll.0.arguments.timeout == .nanoseconds(2_500_000_000))
        #expect(ppoll.1.ready?.map(\.fd) == [accept.1.newFD!])
        let readv = try first(.readv)
        #expect(readv.0.arguments.byteCount == 20)
        #expect(readv.1.payload == Array("vectored".utf8))
        let sendmsg = try first(.sendmsg)
        #expect(sendmsg.0.arguments.messageFlags == .noSignal)
        #expect(sendmsg.1.payload == Array("by sendmsg".utf8))
        let recvmsg = try first(.recvmsg)
        #expect(recvmsg.0.arguments.byteCount == 32)
        #expect(recvmsg.1.payload == Array("by sendmsg".utf8))
        #expect(recvmsg.1.kernel?.state == .established)

        let dup = try first(.dup)
        let dup2 = try first(.dup2)
        #expect(dup2.0.fd == dup.1.newFD && dup2.0.arguments.targetFD == 20)
        let viaCopy = try #require(calls.first { $0.0.call == .write && $0.0.fd == 20 })
        #expect(viaCopy.0.socket?.isTCP == true)
        #expect(viaCopy.1.payload == Array("via 20".utf8))
        #expect(try first(.shutdown).0.arguments.shutdown == .both)
        #expect(calls.filter { $0.0.call == .close && $0.0.socket?.isTCP == true }.count == 5)

        let pair = try first(.socketpair)
        #expect(pair.0.arguments.addressFamily == .unix)
        let local = try #require(pair.1.newFD)
        #expect(pair.1.secondFD != nil && pair.1.secondFD != local)
        // A write on a local socket is not a TCP call: not reported; closing it is.
        #expect(!calls.contains { $0.0.call == .write && $0.0.fd == local })
        #expect(calls.contains { $0.0.call == .close && $0.0.fd == local && $0.0.socket?.family == .unix })
        #expect(recorder.output == "done\n")
    }
}
#endif
