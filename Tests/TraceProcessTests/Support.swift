#if os(Linux)
@preconcurrency import Glibc
import Synchronization
import Testing
import TraceCore
@testable import TraceProcess
import TraceSockets

/// Programs the tests need, found on the PATH.
enum Tools {
    static func path(_ name: String) -> String? {
        let path = String(cString: getenv("PATH") ?? strdup("/usr/bin:/bin"))
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    static func has(_ name: String) -> Bool { path(name) != nil }

    /// The Python interpreter itself, not a version manager's shell-script shim in front of it (whose own
    /// forks and execs would be traced too).
    static var python: String { access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3" }
}

/// A fresh directory for one test's programs, removed at the end.
final class Scratch {
    let path: String

    init() {
        var template = Array("/tmp/trace-process-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    /// Writes a file; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) -> String {
        let file = "\(path)/\(name)"
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o755 : 0o644)
        precondition(fd >= 0, "cannot write \(file)")
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        Glibc.close(fd)
        return file
    }

    /// Compiles a C program with gcc; nil when it does not compile.
    func compileC(_ name: String, _ source: String, flags: [String] = []) -> String? {
        let file = write("\(name).c", source)
        let output = "\(path)/\(name)"
        return run(["gcc", "-O1", "-o", output, file] + flags) == 0 ? output : nil
    }

    deinit { _ = run(["rm", "-rf", path]) }
}

/// Runs a command untraced and returns its exit status (for builds: gcc, go).
@discardableResult
func run(_ arguments: [String], environment: [String]? = nil) -> Int32 {
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
    defer { for p in envp ?? [] { free(p) } }
    let rc: Int32
    if envp != nil {
        rc = posix_spawnp(&pid, arguments[0], nil, nil, &argv, &envp!)
    } else {
        rc = posix_spawnp(&pid, arguments[0], nil, nil, &argv, environ)
    }
    guard rc == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
}

/// Every event of a traced run, collected from the tracer thread.
final class Recorder: Sendable {
    private let collected = Mutex<[ProcessTraceEvent]>([])

    var handler: ProcessTracer.Handler { { [self] event in collected.withLock { $0.append(event) } } }
    var events: [ProcessTraceEvent] { collected.withLock { $0 } }

    /// The finished calls, in order.
    var calls: [(SyscallEntry, SyscallOutcome)] {
        events.compactMap { if case .callFinished(let e, let o) = $0 { return (e, o) } else { return nil } }
    }

    func calls(of pid: Int32) -> [(SyscallEntry, SyscallOutcome)] { calls.filter { $0.0.pid == pid } }

    /// The finished calls the diagram draws: those on TCP sockets. A machine's libc may make local-socket
    /// calls of its own at start-up (a name-service cache, a user database), which are not the test's.
    var drawnCalls: [(SyscallEntry, SyscallOutcome)] { calls.filter { ProgramEvents.isDrawn($0.0) } }

    /// Everything the traced processes wrote to standard output, in order.
    var output: String {
        String(decoding: events.flatMap { event -> [UInt8] in
            if case .output(let o) = event, o.stream == 1 { return o.bytes } else { return [] }
        }, as: UTF8.self)
    }

    /// Waits until an event satisfies `condition`; nil after the deadline.
    func waitFor<T>(seconds: Double = 20, _ condition: (ProcessTraceEvent) -> T?) -> T? {
        let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
        for _ in 0..<1_000_000 {
            if let found = events.lazy.compactMap(condition).first { return found }
            if MonotonicClock.now() > deadline { return nil }
            usleep(1000)
        }
        return nil
    }
}

/// Traces a command to its end (killing it after `seconds`); returns how it ended and what was seen.
func traceToEnd(_ command: TracedCommand, options: ProcessTracer.Options = .init(), seconds: Double = 60,
                gate: ProcessTracer.Gate? = nil) throws -> (TraceOutcome, Recorder) {
    let recorder = Recorder()
    let tracer = ProcessTracer(command, options: options, gate: gate, handler: recorder.handler)
    try tracer.start()
    guard let outcome = tracer.wait(timeout: .milliseconds(Int(seconds * 1000))) else {
        tracer.stop()
        _ = tracer.wait(timeout: .seconds(10))
        Issue.record("the traced command did not end within \(seconds) s")
        throw TimedOut()
    }
    return (outcome, recorder)
}

struct TimedOut: Error {}

/// A command whose standard output and error go nowhere (the events carry them).
func quiet(_ arguments: [String], directory: String? = nil, stdin: Int32? = nil) -> TracedCommand {
    TracedCommand(arguments, workingDirectory: directory, standardInput: stdin ?? DevNull.fd,
                  standardOutput: DevNull.fd, standardError: DevNull.fd)
}

enum DevNull {
    static let fd: Int32 = open("/dev/null", O_RDWR | O_CLOEXEC)
}

/// Whether a process still exists (a zombie counts as gone).
func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(procFile: "/proc/\(pid)/stat") else { return false }
    guard let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

extension String {
    init(procFile path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TimedOut() }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got <= 0 { break }
            bytes += chunk.prefix(got)
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

/// Polls until `condition` holds or the deadline passes (the kernel is not always instantaneous).
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
    for _ in 0..<1_000_000 {
        if condition() { return true }
        if MonotonicClock.now() > deadline { return false }
        usleep(1000)
    }
    return condition()
}
#endif

#if os(Linux)
/// A boolean several threads share.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
#endif
