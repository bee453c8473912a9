import Foundation
import Testing
import TracePackets
import TraceSockets

#if os(Linux)
@Suite("Without CAP_NET_RAW: the typed error, and a private network namespace")
struct PrivilegeTests {
    @Test("an unprivileged user captures the seed exchange inside a private network of its own (re-executed child)",
          .enabled(if: getuid() == 0, "SKIPPED: dropping to uid 65534 in a child process needs root"))
    func privateNetwork() throws {
        let result = try runProbe(["as-user", "65534", "private", "exchange"])
        if let refused = result.lines.first(where: { $0.hasPrefix("namespace refused") }) {
            try Test.cancel("SKIPPED: this system refuses the namespace: \(refused)")
        }
        #expect(result.status == 0, "probe: \(result.output) \(result.errors)")
        let lines = result.lines
        #expect(lines.first == "namespace entered")
        #expect(lines.contains("uid 65534"))
        let namespace = lines.first { $0.hasPrefix("netns ") }
        #expect(namespace != nil && namespace != "netns \(ownNetworkNamespace())")
        let segments = lines.filter { $0.hasPrefix("segment ") }.map { $0.split(separator: " ")[1...2].joined(separator: " ") }
        #expect(segments == expectedSeed)
        #expect(lines.last == "done 10 complete")
    }

    @Test("without CAP_NET_RAW and without a namespace, opening fails with notPermitted, naming the remedy",
          .enabled(if: getuid() == 0, "SKIPPED: dropping to uid 65534 in a child process needs root"))
    func notPermitted() throws {
        let result = try runProbe(["as-user", "65534", "exchange"])
        #expect(result.status == 2)
        #expect(result.lines.contains("uid 65534"))
        #expect(result.lines.contains("capture-error notPermitted"))
        let message = result.lines.first { $0.hasPrefix("message ") } ?? ""
        #expect(message.contains("CAP_NET_RAW") && message.contains("EPERM"))
        #expect(message.contains(PacketCaptureError.setcapRemedy))
        #expect(message.contains("private network namespace"))
    }

    @Test("where the system allows no user namespace, the re-executed child says why and exits",
          .enabled(if: getuid() == 0 && which("unshare") != nil, "SKIPPED: needs root and util-linux's unshare"))
    func namespaceRefused() throws {
        // A user namespace of the test's own whose limit for further namespaces is 0.
        let script = "echo 0 > /proc/sys/user/max_user_namespaces && exec \"$0\" private exchange"
        let result = try runProgram(which("unshare")!, ["--user", "--map-root-user", "sh", "-c", script, probePath])
        #expect(result.status == 3, "probe: \(result.output) \(result.errors)")
        let line = result.lines.first ?? ""
        #expect(line.hasPrefix("namespace refused this system does not let a user make a private network"))
        #expect(line.contains("max_user_namespaces") && line.contains(PacketCaptureError.setcapRemedy))
        #expect(!result.lines.contains { $0.hasPrefix("segment") })
    }

    @Test("a process with threads is refused a namespace, unchanged; a privileged one needs none")
    func inProcess() throws {
        // Only with threads is it certain that unshare refuses, leaving this test process where it is.
        let threads = try #require(threadCount())
        try #require(threads > 1)
        guard case .refused(let refusal) = PrivateNetwork.enter() else {
            Issue.record("a process with \(threads) threads entered a namespace")
            return
        }
        guard case .otherThreadsRunning(let count) = refusal.cause else {
            Issue.record("refused for another cause: \(refusal)")
            return
        }
        #expect(count > 1)
        #expect(!refusal.insideNamespace)
        #expect(refusal.description.contains("threads"))
        if LoopbackCapture.isPermitted {
            #expect(PrivateNetwork.enterUnlessPrivileged() == .notNeeded)
        }
    }

    private func ownNetworkNamespace() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")) ?? "?"
    }

    private func threadCount() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
            .flatMap { Int($0.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
#endif
