#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import TracePackets
import TraceSockets

/// `trace-packets-probe`: runs the capture engine in a process of its own, for the tests of the paths that
/// need one (another uid, a private network) and for measuring. Prints one fact per line.
///
///     trace-packets-probe exchange [ipv4|ipv6]   capture the seed exchange here, print its segments
///     trace-packets-probe as-user UID COMMAND…   drop to UID (from root), then run COMMAND
///     trace-packets-probe private COMMAND…       run COMMAND in a re-executed child, in a private network
///     trace-packets-probe measure [MiB [SEND-SIZE]]  time opening a capture, and a bulk transfer under capture
enum Probe {
    /// Exit statuses.
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let captureRefused: Int32 = 2
    static let namespaceRefused: Int32 = 3
    static let failed: Int32 = 1

    static func run(reexecuted: PrivateNetwork.ReexecutedChild?) -> Int32 {
        setvbuf(stdout, nil, _IOLBF, 0)
        if let reexecuted {
            switch reexecuted.outcome {
            case .entered, .notNeeded:
                say("namespace entered")
            case .refused(let refusal):
                say("namespace refused \(refusal.description)")
                return namespaceRefused
            }
            return command(Array(reexecuted.arguments.dropFirst()))
        }
        return command(Array(CommandLine.arguments.dropFirst()))
    }

    static func command(_ words: [String]) -> Int32 {
        switch words.first {
        case "exchange": return exchange(family: words.dropFirst().first == "ipv6" ? .ipv6 : .ipv4)
        case "as-user": return asUser(Array(words.dropFirst()))
        case "private": return inPrivateNetwork(Array(words.dropFirst()))
        case "measure":
            let numbers = words.dropFirst().compactMap { Int($0) }
            return Measurement.run(mebibytes: numbers.first ?? 64, chunk: max(numbers.dropFirst().first ?? 1 << 16, 1))
        default:
            say("usage: trace-packets-probe exchange [ipv4|ipv6] | as-user UID COMMAND… | private COMMAND… | measure [MiB [SEND-SIZE]]")
            return usage
        }
    }

    /// Captures the seed exchange in this process and prints `segment FLAGS LENGTH` lines.
    static func exchange(family: SocketAddress.Family) -> Int32 {
        say("uid \(getuid())")
        say("netns \(namespaceLink())")
        let collector = SegmentCollector()
        let capture: LoopbackCapture
        do {
            capture = try LoopbackCapture(handler: collector.handler)
        } catch {
            say("capture-error \(kind(of: error.reason))")
            say("message \(error.description)")
            return captureRefused
        }
        do {
            _ = try SeedExchange.run(family) { capture.watch(port: $0) }
        } catch {
            say("exchange-error \(error)")
            return failed
        }
        let complete = collector.wait { $0.count >= 10 }
        capture.stop()
        for segment in collector.segments {
            say("segment \(segment.flags.name) \(segment.payloadLength) \(segment.source) \(segment.destination)")
        }
        say("done \(collector.segments.count) \(complete ? "complete" : "incomplete")")
        return ok
    }

    /// Drops every privilege of root to `uid` (its group the same number), then runs the rest.
    static func asUser(_ words: [String]) -> Int32 {
        guard let uid = words.first.flatMap({ UInt32($0) }) else { return command([]) }
        guard setgroups(0, nil) == 0, setgid(uid) == 0, setuid(uid) == 0 else {
            say("as-user-error \(Errno(rawValue: errno).name)")
            return failed
        }
        return command(Array(words.dropFirst()))
    }

    /// Re-executes this program with the rest of the words, inside a private network, and waits for it.
    static func inPrivateNetwork(_ words: [String]) -> Int32 {
        do {
            let child = try PrivateNetwork.reexecute(arguments: words)
            switch child.wait() {
            case .success(.exited(let code)): return code
            case .success(.signalled(let signal)):
                say("child-signalled \(signal)")
                return failed
            case .failure(let e):
                say("wait-error \(e.name)")
                return failed
            }
        } catch {
            say("spawn-error \(error.description)")
            return failed
        }
    }

    static func kind(of reason: PacketCaptureError.Reason) -> String {
        switch reason {
        case .notPermitted: return "notPermitted"
        case .noSuchInterface: return "noSuchInterface"
        case .interfaceDown: return "interfaceDown"
        case .system: return "system"
        case .linuxOnly: return "linuxOnly"
        }
    }

    /// Which network namespace this process is in: `net:[inode]`.
    static func namespaceLink() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = readlink("/proc/self/ns/net", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
    }

    static func say(_ line: String) {
        print(line)
    }

    static func finish(_ status: Int32) -> Never {
        fflush(stdout)
        exit(status)
    }
}
