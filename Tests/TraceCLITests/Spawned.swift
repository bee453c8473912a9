import Foundation
import Testing
import TraceText

/// A child process (a `trace server`, netcat, Python) whose output can be read while it runs.
final class Spawned: @unchecked Sendable {
    let process = Process()
    private let condition = NSCondition()
    private var out: [UInt8] = []
    private var err: [UInt8] = []
    private var openStreams = 2
    let input = Pipe()

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = ["LANG": "C"]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = input
        try process.run()
        collect(outPipe.fileHandleForReading) { $0.out += $1 }
        collect(errPipe.fileHandleForReading) { $0.err += $1 }
    }

    /// Runs the built `trace`.
    convenience init(trace arguments: [String], environment: [String: String] = ["LANG": "C"]) throws {
        try self.init(Executable.traceURL, arguments, environment: environment)
    }

    private func collect(_ handle: FileHandle, _ append: @escaping @Sendable (Spawned, [UInt8]) -> Void) {
        Thread { [self] in
            for _ in 0..<10_000_000 {
                let data = handle.availableData
                condition.lock()
                if data.isEmpty { openStreams -= 1 } else { append(self, Array(data)) }
                condition.broadcast()
                condition.unlock()
                if data.isEmpty { return }
            }
        }.start()
    }

    var output: String { condition.lock(); defer { condition.unlock() }; return String(decoding: out, as: UTF8.self) }
    var errors: String { condition.lock(); defer { condition.unlock() }; return String(decoding: err, as: UTF8.self) }
    var outputBytes: [UInt8] { condition.lock(); defer { condition.unlock() }; return out }

    /// Waits until standard output (or error) holds `count` complete lines; returns them.
    func lines(_ count: Int, fromErrors: Bool = false, timeout: Double = 10) -> [String]? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let bytes = fromErrors ? err : out
            let text = String(decoding: bytes, as: UTF8.self)
            let complete = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if complete.count >= count { return complete.prefix(count).map(String.init) }
            if openStreams == 0 || !condition.wait(until: deadline) { return nil }
        }
    }

    /// Waits until standard output contains `text`.
    func waitFor(_ text: String, timeout: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !String(decoding: out, as: UTF8.self).contains(text) {
            if openStreams == 0 || !condition.wait(until: deadline) { return String(decoding: out, as: UTF8.self).contains(text) }
        }
        return true
    }

    func send(signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status once the process ends (and its output is all read); nil after `timeout` (it is then killed).
    func exitStatus(timeout: Double = 10) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        condition.lock()
        while openStreams > 0 { if !condition.wait(until: deadline.addingTimeInterval(5)) { break } }
        condition.unlock()
        return process.terminationStatus
    }

    /// The `host:port` at the end of a line such as `trace server: listening on 127.0.0.1:41234`.
    static func port(in line: String) -> UInt16? {
        line.split(separator: ":").last.flatMap { UInt16($0.trimmingCharacters(in: .whitespaces)) }
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// A TCP socket of the test's own, and 127.0.0.1 with `port`.
func loopbackSocket(port: UInt16 = 0) -> (fd: Int32, address: sockaddr_in) {
    #if os(Linux)
    let stream = Int32(SOCK_STREAM.rawValue)
    #else
    let stream = SOCK_STREAM
    #endif
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return (socket(AF_INET, stream, 0), address)
}

/// A TCP port that nobody listens on (it was just bound and released).
func unusedPort() throws -> UInt16 {
    var (fd, address) = loopbackSocket()
    defer { close(fd) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return UInt16(bigEndian: address.sin_port)
}

/// A program on the PATH, or nil.
func which(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}
