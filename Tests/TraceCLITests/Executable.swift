import Foundation
import Testing
import TraceText

/// Runs the built `trace` executable with its standard output and error on pipes.
struct Executable {
    static var traceURL: URL { built("trace") }

    /// The package's fixture that runs a program as another user (`trace-packets-probe as-user UID exec …`).
    static var probeURL: URL { built("trace-packets-probe") }

    /// A product of this package, built beside the test bundle.
    static func built(_ name: String) -> URL {
        #if os(Linux)
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
        let me = Bundle.main.bundleURL
        #endif
        var dir = me.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return me.deletingLastPathComponent().appendingPathComponent(name)
    }

    struct Result {
        let status: Int32
        let output: String
        let errors: String
        let outputBytes: [UInt8]
    }

    static func run(_ arguments: [String], executable: URL = traceURL, environment: [String: String] = ["LANG": "C"],
                    input: String? = nil, timeout: Double = 30) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let outData = ReadAll(out.fileHandleForReading)
        let errData = ReadAll(err.fileHandleForReading)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            throw ExecutableTimeout(arguments: arguments)
        }
        let o = outData.wait(), e = errData.wait()
        return Result(status: process.terminationStatus, output: String(decoding: o, as: UTF8.self),
                      errors: String(decoding: e, as: UTF8.self), outputBytes: Array(o))
    }
}

struct ExecutableTimeout: Error { let arguments: [String] }

/// Drains a pipe on its own thread so a chatty child never blocks on a full pipe.
final class ReadAll: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    init(_ handle: FileHandle) {
        Thread { [self] in
            let all = handle.readDataToEndOfFile()
            condition.lock()
            data = all
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
