#if os(Linux)
import Glibc
#endif
import TraceSockets

/// Runs a command, unmodified, traced by the kernel (ptrace with a seccomp-BPF filter), following every
/// process and thread it starts, and reports its socket calls, its output and its processes as events.
///
/// Every ptrace request comes from one dedicated thread; the handler and the gate run on it, in order.
/// ```
/// let tracer = ProcessTracer(TracedCommand(["python3", "cliente.py"])) { event in ... }
/// try tracer.start()
/// let outcome = tracer.wait()     // outcome.shellStatus: the command's own status
/// ```
public final class ProcessTracer: Sendable {
    /// Receives every event, on the tracer thread, in the order the tracer saw them.
    public typealias Handler = @Sendable (ProcessTraceEvent) -> Void
    /// Called on the tracer thread at the entry of each reported socket call, before it runs; the program
    /// stays stopped while it blocks.
    public typealias Gate = @Sendable (SyscallEntry) -> GateDecision

    public struct Options: Sendable, Hashable {
        /// Stop the program at every system call instead of using a seccomp filter (slower; for systems
        /// without seccomp, and to check that both ways see the same calls).
        public var stopAtEverySystemCall: Bool
        /// A process with no TCP socket yet is stopped only at socket calls and at writes to its standard
        /// output and error; at its first call on a TCP socket a second filter, which also stops it at reads,
        /// writes and closes, is installed (x86_64; elsewhere the second filter is there from the start).
        /// What a program does before networking (Python reading its modules) then costs no stop.
        public var filtersReadsFromFirstSocket: Bool
        /// Failures the tests make happen on purpose.
        var faults = SimulatedFaults()

        public init(stopAtEverySystemCall: Bool = false, filtersReadsFromFirstSocket: Bool = true) {
            self.stopAtEverySystemCall = stopAtEverySystemCall
            self.filtersReadsFromFirstSocket = filtersReadsFromFirstSocket
        }
    }

    /// What a test can make the kernel refuse, to see the tracer cope as it would on another system.
    struct SimulatedFaults: Sendable, Hashable {
        /// The child's seccomp filter is refused (as on a kernel without seccomp).
        var seccompRefused = false
        /// `pidfd_getfd` is refused (as before Linux 5.6, or for another user's process).
        var duplicatesRefused = false
        /// `PTRACE_TRACEME` is refused (as under Yama's ptrace_scope 3, or in a container without ptrace).
        var ptraceRefused = false
        /// The second filter cannot be installed in a running process (the tracer then stops that
        /// process at every system call).
        var secondFilterRefused = false
    }

    public let command: TracedCommand
    public let options: Options
    private let gate: Gate?
    private let handler: Handler
    #if os(Linux)
    private let control = TracerControl()
    #endif
    private let launch = LaunchState()

    public init(_ command: TracedCommand, options: Options = Options(), gate: Gate? = nil,
                handler: @escaping Handler) {
        self.command = command
        self.options = options
        self.gate = gate
        self.handler = handler
    }

    /// Starts the command and returns its process id once its program runs (after its `execve`).
    /// Throws when it cannot: not found (127), not executable (126), ptrace refused, not Linux.
    @discardableResult
    public func start() throws(ProcessTraceError) -> Int32 {
        #if os(Linux)
        guard SyscallTable.isSupported else { throw .unsupportedPlatform }
        guard launch.claim() else { throw .alreadyStarted }
        guard let name = command.arguments.first else { throw fail(.emptyCommand) }
        let environment = command.environment ?? PreparedSpawn.currentEnvironment
        let path: String
        switch CommandLookup.resolve(name, path: CommandLookup.pathVariable(in: environment)) {
        case .success(let found): path = found
        case .failure(let error): throw fail(error)
        }
        let spawn = PreparedSpawn(path: path, command: command, environment: environment)
        let session = TraceSession(control: control,
                                   mode: options.stopAtEverySystemCall ? .everySystemCall(reason: "asked for") : .seccomp,
                                   faults: options.faults, lazyFilter: options.filtersReadsFromFirstSocket, gate: gate,
                                   handler: handler)
        let started = TracerThread.start { [spawn, session] in session.run(spawn, path: path) }
        guard started else { throw fail(.setupFailed("tracer thread", Errno(rawValue: errno))) }
        switch control.waitUntilStarted() {
        case .running(let pid): return pid
        case .failed(let error): throw error
        }
        #else
        throw .unsupportedPlatform
        #endif
    }

    /// Kills every process of the traced tree (SIGKILL), from any thread; `wait()` then returns once all
    /// are reaped, with `wasStopped` set. A gate that is blocking should return when it sees `isStopping`.
    public func stop() {
        #if os(Linux)
        control.requestStop()
        #endif
    }

    /// Whether `stop()` was called (or the gate said stop).
    public var isStopping: Bool {
        #if os(Linux)
        return control.isStopping
        #else
        return false
        #endif
    }

    /// The processes of the traced tree alive right now.
    public var livePIDs: Set<Int32> {
        #if os(Linux)
        return control.livePIDs
        #else
        return []
        #endif
    }

    /// Waits until every traced process has ended and been reaped.
    public func wait() -> TraceOutcome {
        waitFor(nil)!
    }

    /// Like `wait()`, but gives up (nil) after `timeout`.
    public func wait(timeout: Duration) -> TraceOutcome? {
        let (seconds, attoseconds) = timeout.components
        return waitFor(UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000))
    }

    private func waitFor(_ nanoseconds: UInt64?) -> TraceOutcome? {
        if let early = launch.failure {
            return TraceOutcome(status: .exited(early.exitStatus), wasStopped: false, filter: .seccomp, stops: 0)
        }
        #if os(Linux)
        return control.waitUntilFinished(timeoutNanoseconds: nanoseconds)
        #else
        return TraceOutcome(status: .exited(ProcessTraceError.unsupportedPlatform.exitStatus), wasStopped: false,
                            filter: .seccomp, stops: 0)
        #endif
    }

    private func fail(_ error: ProcessTraceError) -> ProcessTraceError {
        launch.failed(error)
        return error
    }
}

/// What the gate tells the tracer at a call's entry.
public enum GateDecision: Sendable, Hashable {
    /// Let the call run.
    case proceed
    /// End the run: every traced process is killed, the call never runs.
    case stop
}
