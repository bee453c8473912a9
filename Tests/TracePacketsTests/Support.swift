import Foundation
import Testing
import TracePackets
import TraceSockets
@testable import trace_packets_probe

extension Trait where Self == ConditionTrait {
    /// For a test that captures in the test process: skipped, saying why, without CAP_NET_RAW.
    static var needsCapture: Self {
        .enabled(if: LoopbackCapture.isPermitted, "SKIPPED: capturing on lo needs CAP_NET_RAW (run the tests as root)")
    }
}

/// Opens a capture watching `ports`, collecting what it delivers.
func startCapture(ports: Set<UInt16> = [], kernelFilter: Bool = true) throws -> (LoopbackCapture, SegmentCollector) {
    let collector = SegmentCollector()
    let capture = try LoopbackCapture(options: .init(ports: ports, kernelFilter: kernelFilter), handler: collector.handler)
    return (capture, collector)
}

/// The seed exchange and what a capture of it gave.
struct CapturedExchange {
    let exchange: SeedExchange
    let segments: [TCPSegment]
    let statistics: CaptureStatistics
    let clockOffset: ClockOffset
    let interfaceIndex: Int32
}

/// The seed exchange under a capture that watches the server's port from its bind on; returns once the
/// ten segments are in (or five seconds passed), with the capture stopped.
func capturedSeedExchange(_ family: SocketAddress.Family = .ipv4, kernelFilter: Bool = true) throws -> CapturedExchange {
    let (capture, collector) = try startCapture(kernelFilter: kernelFilter)
    let exchange = try SeedExchange.run(family) { capture.watch(port: $0) }
    _ = collector.wait { $0.count >= 10 }
    let statistics = capture.stop()
    return CapturedExchange(exchange: exchange, segments: collector.segments, statistics: statistics,
                            clockOffset: capture.clockOffset, interfaceIndex: capture.interfaceIndex)
}

/// The flag names and payload lengths of the seed exchange, in order.
let seedSegments: [(String, Int)] = [
    ("SYN", 0), ("SYN-ACK", 0), ("ACK", 0), ("PSH-ACK", 14), ("ACK", 0),
    ("PSH-ACK", 16), ("ACK", 0), ("FIN-ACK", 0), ("FIN-ACK", 0), ("ACK", 0),
]

func flagsAndLengths(_ segments: [TCPSegment]) -> [String] {
    segments.map { "\($0.flags.name) \($0.payloadLength)" }
}

let expectedSeed = seedSegments.map { "\($0.0) \($0.1)" }

/// A file name in the temporary directory, unique to this run.
func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "trace-packets-\(getpid())-\(UUID().uuidString.prefix(8))-\(name)"
}

/// A program on the PATH, or nil.
func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// What a finished child process printed.
struct ProcessResult {
    let status: Int32
    let output: String
    let errors: String

    var lines: [String] { output.split(separator: "\n").map(String.init) }
}

/// Runs a program to its end (killed after `timeout` seconds), collecting its output.
func runProgram(_ path: String, _ arguments: [String], timeout: Double = 30) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let reading = BlockingThread<(Data, Data)> {
        (out.fileHandleForReading.readDataToEndOfFile(), err.fileHandleForReading.readDataToEndOfFile())
    }
    let (output, errors): (Data, Data)
    do {
        (output, errors) = try reading.join(timeout: .seconds(Int(timeout)))
    } catch {
        process.terminate()
        throw error
    }
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                         errors: String(decoding: errors, as: UTF8.self))
}

/// The built `trace-packets-probe`, beside the test bundle.
let probePath: String = {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = me.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("trace-packets-probe").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return me.deletingLastPathComponent().appendingPathComponent("trace-packets-probe").path
}()

func runProbe(_ arguments: [String]) throws -> ProcessResult { try runProgram(probePath, arguments) }
