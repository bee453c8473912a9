import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceCore
import TraceSockets

/// One round of the load benchmark against one server process.
struct LoadRun {
    var served = 0
    var seconds = 0.0
    /// The server's peak resident memory (Linux `VmHWM`), read just before it is stopped.
    var peakResidentKiB: Int?
    var eventsComplete = true
    var eventReport = "no recording"

    var connectionsPerSecond: Double { seconds > 0 ? Double(served) / seconds : 0 }

    static func measure(clients: Int, work: URL, name: String, executable: URL, arguments: [String], recording: URL?) -> LoadRun {
        var run = LoadRun()
        let outputFile = work.appendingPathComponent("\(name).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: outputFile.path)
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return run }
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        guard let port = waitFor(within: 10, { listeningPort(in: outputFile) }) else {
            run.eventReport = "the server did not say where it listens"
            return run
        }
        (run.served, run.seconds) = ClientCrowd(count: clients, port: port).run()
        if let recording {
            // Each client has its reply; the server may still be reading its end of stream.
            _ = waitFor(within: 30) { count(of: "\"op\":\"peer_closed\"", in: recording) >= clients ? true : nil }
        }
        run.peakResidentKiB = peakResidentKiB(of: process.processIdentifier)
        kill(process.processIdentifier, recording == nil ? SIGTERM : SIGINT)
        _ = waitFor(within: 10) { process.isRunning ? nil : true }
        if let recording { run.check(recording, clients: clients, exitStatus: process.isRunning ? nil : process.terminationStatus) }
        return run
    }

    /// Every event recorded, none lost: numbered without a gap, and every client's accept, message,
    /// end of stream and close present.
    private mutating func check(_ recording: URL, clients: Int, exitStatus: Int32?) {
        guard let events = try? JSONLinesReader.events(fromFile: recording.path) else {
            eventsComplete = false
            eventReport = "the recording does not read back"
            return
        }
        let gapless = events.enumerated().allSatisfy { $0.element.seq == UInt64($0.offset + 1) }
        func count(_ op: TraceEvent.Operation, _ phase: TraceEvent.Phase) -> Int {
            events.filter { $0.operation == op && $0.phase == phase && $0.connection != nil && $0.error == nil }.count
        }
        let accepts = count(.accept, .done), prints = count(.print, .instant)
        let ends = count(.peerClosed, .instant), closes = count(.close, .done)
        eventsComplete = gapless && exitStatus == 0 && [accepts, prints, ends, closes].allSatisfy { $0 == clients }
        eventReport = "\(events.count) events recorded, seq 1-\(events.count) \(gapless ? "without a gap" : "WITH GAPS"); "
            + "\(accepts) accepts, \(prints) messages, \(ends) ends of stream, \(closes) closes; exit \(exitStatus.map(String.init) ?? "none")"
    }

    static func listeningPort(in file: URL) -> UInt16? {
        guard let text = try? String(contentsOf: file, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.contains("listening on") }) else { return nil }
        return line.split(separator: ":").last.flatMap { UInt16($0) }
    }

    static func count(of needle: String, in file: URL) -> Int {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return 0 }
        return text.components(separatedBy: needle).count - 1
    }

    static func peakResidentKiB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Polls `value` every 10 ms until it gives something or the time runs out.
    static func waitFor<T>(within seconds: Double, _ value: () -> T?) -> T? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        for _ in 0..<100_000 {
            if let v = value() { return v }
            if Date() > deadline { return nil }
            usleep(10_000)
        }
        return nil
    }
}

/// `count` clients, each on its own thread, released at the same moment: connect, send the message,
/// read the whole reply, close.
final class ClientCrowd: @unchecked Sendable {
    let count: Int
    let port: UInt16
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var ready = 0, finished = 0, served = 0
    private var released = false

    init(count: Int, port: UInt16) {
        self.count = count
        self.port = port
    }

    /// Clients served, and the seconds from their release to the last one's end.
    func run() -> (Int, Double) {
        for _ in 0..<count {
            let thread = Thread { [self] in
                condition.lock()
                ready += 1
                condition.broadcast()
                while !released { condition.wait() }
                condition.unlock()
                let ok = exchange()
                condition.lock()
                finished += 1
                if ok { served += 1 }
                condition.broadcast()
                condition.unlock()
            }
            thread.stackSize = 1 << 18
            thread.start()
        }
        condition.lock()
        while ready < count { condition.wait() }
        let start = MonotonicClock.now()
        released = true
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: 300)
        while finished < count { if !condition.wait(until: deadline) { break } }
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        let result = (served, seconds)
        condition.unlock()
        return result
    }

    private func exchange() -> Bool {
        let expected = Array(LoadBenchmark.reply.utf8)
        guard let socket = try? Socket.tcp() else { return false }
        defer { try? socket.close() }
        do {
            try socket.connect(to: .loopback(port: port))
            try socket.sendAll(LoadBenchmark.message)
            var received: [UInt8] = []
            for _ in 0..<expected.count {
                guard try socket.waitUntilReadable(timeout: .seconds(120)) else { break }
                let chunk = try socket.receive(upTo: 64)
                if chunk.isEmpty { break }
                received += chunk
                if received.count >= expected.count { break }
            }
            return received == expected
        } catch {
            return false
        }
    }
}
