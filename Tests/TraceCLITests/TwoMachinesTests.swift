import Foundation
import Testing
import TraceText
import TraceCore

/// Two network namespaces joined by a veth pair: two "machines" with their own addresses. Only the
/// namespaces and interfaces made here are touched, and they are always removed.
struct TwoMachines {
    let client: String, server: String
    let clientAddress: String, serverAddress: String

    /// Whether this process may make namespaces (root and iproute2, in a kernel and container that allow it).
    static let possible: Bool = {
        guard getuid() == 0, which("ip") != nil else { return false }
        let probe = "trace-probe-\(getpid())"
        defer { _ = ip(["netns", "del", probe]) }
        return ip(["netns", "add", probe])
    }()

    init() throws {
        let tag = "\(getpid() % 100_000)-\(UInt16.random(in: 0...999))"
        client = "trace-c-\(tag)"
        server = "trace-s-\(tag)"
        let subnet = "10.\(200 + Int.random(in: 0...50)).\(Int.random(in: 0...255))"
        clientAddress = subnet + ".1"
        serverAddress = subnet + ".2"
        let (a, b) = ("tc\(tag.prefix(12))", "ts\(tag.prefix(12))")
        let steps: [[String]] = [
            ["netns", "add", client], ["netns", "add", server],
            ["link", "add", a, "netns", client, "type", "veth", "peer", "name", b, "netns", server],
            ["-n", client, "addr", "add", clientAddress + "/30", "dev", a],
            ["-n", server, "addr", "add", serverAddress + "/30", "dev", b],
            ["-n", client, "link", "set", a, "up"], ["-n", server, "link", "set", b, "up"],
            ["-n", client, "link", "set", "lo", "up"], ["-n", server, "link", "set", "lo", "up"],
        ]
        for step in steps where !TwoMachines.ip(step) {
            remove()
            throw SetupFailed(step: step)
        }
    }

    /// Deleting a namespace deletes its end of the veth pair, and so the pair.
    func remove() {
        _ = TwoMachines.ip(["netns", "del", client])
        _ = TwoMachines.ip(["netns", "del", server])
    }

    /// Arguments that run `trace` inside a namespace.
    func trace(in namespace: String, _ arguments: [String]) -> [String] {
        ["netns", "exec", namespace, Executable.traceURL.path] + arguments
    }

    static func ip(_ arguments: [String]) -> Bool {
        guard let ip = which("ip"), let run = try? Spawned(ip, arguments) else { return false }
        return run.exitStatus(timeout: 10) == 0
    }

    struct SetupFailed: Error { let step: [String] }
}

@Suite("Two machines: a client and a server in two network namespaces joined by a veth pair")
struct TwoMachinesTests {
    @Test("the client reaches the server's LAN address; their recordings merge into one diagram",
          .enabled(if: TwoMachines.possible, "SKIPPED: making network namespaces needs root and iproute2 (ip netns)"))
    func twoMachines() throws {
        let machines = try TwoMachines()
        defer { machines.remove() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trace-netns-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let serverFile = dir.appendingPathComponent("server.jsonl").path, clientFile = dir.appendingPathComponent("client.jsonl").path
        let ip = try #require(which("ip"))

        let server = try Spawned(ip, machines.trace(in: machines.server, [
            "server", "--host", machines.serverAddress, "--port", "0", "--record", serverFile, "--width", "200", "--color", "never"]))
        let lines = try #require(server.lines(2))
        let port = try #require(Spawned.port(in: lines[0]))
        #expect(lines[0] == "trace server: listening on \(machines.serverAddress):\(port)")
        #expect(lines[1].hasPrefix("REACHABLE FROM THE NETWORK: other machines connect to \(machines.serverAddress), port \(port)"))

        let client = try Spawned(ip, machines.trace(in: machines.client, [
            "client", "--host", machines.serverAddress, "--port", String(port), "--record", clientFile, "--width", "200"]))
        #expect(client.exitStatus() == 0)
        #expect(client.output.contains("print(\"Message received\")"))
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("#1 \(machines.clientAddress):"))

        let merged = try Executable.run(["merge", serverFile, clientFile, "--json"])
        #expect(merged.status == 0 && merged.errors.isEmpty)
        let events = try JSONLinesReader.events(from: merged.outputBytes, source: "merge")
        let connect = events.firstIndex { $0.actor == .client && $0.operation == .connect && $0.phase == .start }
        let accept = events.firstIndex { $0.actor == .server && $0.operation == .accept && $0.phase == .done }
        #expect(connect != nil && accept != nil && connect! < accept!)
        #expect(events.first { $0.actor == .server && $0.operation == .accept && $0.phase == .done }?.remote?.hasPrefix(machines.clientAddress + ":") == true)
    }
}
