#if os(Linux)
import CPtrace
import Glibc
import TraceCore
import TraceSockets

/// One traced run, driven entirely from the tracer thread: spawns the command, waits for every stop of
/// every tracee, and turns them into events. Nothing here is touched by another thread.
final class TraceSession: @unchecked Sendable {
    enum Mode {
        case seccomp
        case everySystemCall(reason: String)
    }

    private enum RootPhase { case awaitingFirstStop, starting, running }

    let control: TracerControl
    let faults: ProcessTracer.SimulatedFaults
    /// Whether processes start with the filter that stops only at socket calls (the full one follows
    /// their first call on a TCP socket).
    let lazyFilter: Bool
    /// The full filter, to install into a process at its first call on a TCP socket.
    private(set) var fullFilter: UnsafeMutableRawPointer?
    let gate: ProcessTracer.Gate?
    let handler: ProcessTracer.Handler
    private(set) var mode: Mode

    var threads: [Int32: TracedThread] = [:]
    var processes: [Int32: TracedProcess] = [:]
    /// New tasks announced by their parent's event that have not stopped yet, and the reverse.
    private var announced: [Int32: ProcessStart] = [:]
    private var stoppedBeforeAnnounced: Set<Int32> = []
    private var root: Int32 = -1
    private var rootPhase = RootPhase.awaitingFirstStop
    private var rootStatus: TraceOutcome.Status?
    private var report: Int32 = -1
    private var path = ""
    var sequence = 0
    private var stops = 0
    /// Events of the current stop, delivered once the tracee runs again.
    var events: [ProcessTraceEvent] = []

    init(control: TracerControl, mode: Mode, faults: ProcessTracer.SimulatedFaults, lazyFilter: Bool, gate: ProcessTracer.Gate?,
         handler: @escaping ProcessTracer.Handler) {
        self.control = control
        self.faults = faults
        self.lazyFilter = lazyFilter && cptrace_can_inject_filter() == 1
        self.mode = mode
        self.gate = gate
        self.handler = handler
    }

    var stopsAtEveryCall: Bool {
        if case .everySystemCall = mode { return true }
        return false
    }

    // MARK: - The run

    func run(_ spawn: PreparedSpawn, path: String) {
        self.path = path
        var filter: UnsafeMutableRawPointer?
        if case .seccomp = mode {
            let numbers = SyscallTable.filterNumbers
            filter = numbers.withUnsafeBufferPointer { cptrace_filter_create($0.baseAddress, Int32($0.count)) }
            if filter == nil { mode = .everySystemCall(reason: "the seccomp filter could not be built (\(Errno(rawValue: errno).name))") }
            if lazyFilter, filter != nil {
                let always = SyscallTable.beforeSocketsAlways, standard = SyscallTable.beforeSocketsOnStandardOutput
                let first = always.withUnsafeBufferPointer { a in
                    standard.withUnsafeBufferPointer { s in
                        cptrace_filter_create_before_sockets(a.baseAddress, Int32(a.count), s.baseAddress, Int32(s.count),
                                                             SyscallTable.numbers[.fcntl] ?? 0)
                    }
                }
                if let first {
                    fullFilter = filter
                    filter = first
                }
            }
            if faults.seccompRefused { cptrace_filter_spoil(filter) }
        }
        defer {
            cptrace_filter_free(filter)
            cptrace_filter_free(fullFilter)
        }
        switch spawn.spawn(filter: filter, refuseTraceMe: faults.ptraceRefused) {
        case .failure(let error):
            control.started(.failed(.setupFailed("fork", error)))
            control.finished(TraceOutcome(status: .exited(126), wasStopped: false, filter: filterMode, stops: 0))
            return
        case .success(let (pid, reportFD)):
            root = pid
            report = reportFD
            control.register(pid)
        }
        loop()
        Glibc.close(report)
        for process in processes.values { process.closeHandle() }
        if rootPhase != .running { control.started(.failed(.setupFailed("start", Errno(rawValue: ECHILD)))) }
        control.finished(TraceOutcome(status: rootStatus ?? .signalled(.kill, coreDumped: false),
                                      wasStopped: control.isStopping, filter: filterMode, stops: stops))
    }

    private var filterMode: TraceFilter {
        switch mode {
        case .seccomp: return .seccomp
        case .everySystemCall(let reason): return .everySystemCall(reason: reason)
        }
    }

    private func loop() {
        for _ in 0..<Int.max {
            switch Ptrace.waitAny() {
            case .failure:
                // ECHILD: every tracee has been reaped.
                return
            case .success(let (tid, status)):
                stops += 1
                handle(tid, status, time: MonotonicClock.now())
                deliverEvents()
            }
        }
    }

    func deliverEvents() {
        guard !events.isEmpty else { return }
        let batch = events
        events.removeAll(keepingCapacity: true)
        for event in batch { handler(event) }
    }

    // MARK: - Stops

    private func handle(_ tid: Int32, _ status: WaitStatus, time: UInt64) {
        switch status {
        case .exited(let code): ended(tid, .exited(code), time: time)
        case .signalled(let signal, let core): ended(tid, .signalled(signal, coreDumped: core), time: time)
        case .other: break
        case .stopped(let signal, let event):
            if control.isStopping {
                // Stopped tracees stay stopped until the SIGKILL takes them.
                kill(tid, SIGKILL)
                return
            }
            if tid == root && rootPhase != .running && handleRootStart(signal: signal, event: event) { return }
            guard threads[tid] != nil else {
                newTaskStopped(tid)
                return
            }
            if event == CPTRACE_EVENT_SECCOMP {
                syscallStop(tid, time: time)
            } else if event == CPTRACE_EVENT_FORK || event == CPTRACE_EVENT_VFORK || event == CPTRACE_EVENT_CLONE {
                forked(tid, event: event, time: time)
            } else if event == CPTRACE_EVENT_EXEC {
                execed(tid, time: time)
            } else if signal == WaitStatus.syscallStopSignal {
                if threads[tid]?.injection != nil { injectionStop(tid) } else { syscallStop(tid, time: time) }
            } else if event != 0 {
                resume(tid)
            } else {
                signalStop(tid, signal: signal)
            }
        }
    }

    /// The root's stops before its program runs. True when the stop was handled here.
    private func handleRootStart(signal: Int32, event: Int32) -> Bool {
        switch rootPhase {
        case .awaitingFirstStop where event == 0 && signal == SIGSTOP:
            rootPhase = .starting
            _ = Ptrace.setOptions(root)
            threads[root] = TracedThread(tid: root, pid: root)
            let process = TracedProcess(pid: root)
            process.hasFullFilter = fullFilter == nil
            processes[root] = newProcess(process)
            resume(root)
            return true
        case .starting where event == 0 && signal == SIGSTOP:
            // The child stops a second time only when installing the seccomp filter failed.
            if let report = SpawnReport.read(report), report.stage == CPTRACE_SPAWN_SECCOMP_FAILED {
                mode = .everySystemCall(reason: "seccomp is unavailable (\(report.error.name)): the program stops at every system call")
            }
            resume(root)
            return true
        case .starting where event == CPTRACE_EVENT_EXEC:
            rootPhase = .running
            execed(root, time: MonotonicClock.now())
            control.started(.running(pid: root))
            return true
        default:
            return false
        }
    }

    /// Resumes a stopped thread: to the exit of the call it is in when the tracer waits for it, else to its
    /// next traced call.
    func resume(_ tid: Int32, signal: Int32 = 0) {
        let thread = threads[tid]
        let toSyscall = stopsAtEveryCall || thread?.pending != nil || thread?.injection != nil
            || thread.flatMap { processes[$0.pid]?.stopsAtEveryCall } == true
        _ = Ptrace.resume(tid, toSyscall: toSyscall, signal: signal)
    }

    // MARK: - The second filter

    /// A process's first call on a TCP socket has returned: the thread, stopped at that call's exit, is made to
    /// install the full filter (for every thread of the process, TSYNC) before going on. False when the
    /// process already has it, or cannot get it (it is then stopped at every system call instead).
    func installFullFilter(_ tid: Int32, process: TracedProcess) -> Bool {
        guard let fullFilter, !process.hasFullFilter else { return false }
        process.hasFullFilter = true
        var saved = cptrace_registers()
        guard !faults.secondFilterRefused, cptrace_inject_filter_begin(tid, fullFilter, &saved) == 0 else {
            process.stopsAtEveryCall = true
            return false
        }
        threads[tid]?.injection = FilterInjection(saved: saved, atExit: false)
        _ = Ptrace.resume(tid, toSyscall: true)
        return true
    }

    /// The injected `seccomp()` call's entry, then its exit: the registers are put back as they were and
    /// the program goes on from its own call's return.
    private func injectionStop(_ tid: Int32) {
        guard var injection = threads[tid]?.injection else { return }
        if !injection.atExit {
            threads[tid]?.injection?.atExit = true
            _ = Ptrace.resume(tid, toSyscall: true)
            return
        }
        threads[tid]?.injection = nil
        var result = 0
        guard cptrace_inject_filter_end(tid, &injection.saved, &result) == 0 else {
            // The program cannot go on as it was: it would see a wrong result.
            kill(tid, SIGKILL)
            return
        }
        if result != 0, let pid = threads[tid]?.pid { processes[pid]?.stopsAtEveryCall = true }
        resume(tid)
    }

    private func signalStop(_ tid: Int32, signal: Int32) {
        // Without PTRACE_SEIZE a group-stop cannot be kept; the thread goes on, as under strace.
        let groupStop = [SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU].contains(signal) && Ptrace.isGroupStop(tid)
        resume(tid, signal: groupStop ? 0 : signal)
    }

    // MARK: - Processes and threads

    private func forked(_ tid: Int32, event: Int32, time: UInt64) {
        guard case .success(let message) = Ptrace.eventMessage(tid), let parent = threads[tid] else {
            resume(tid)
            return
        }
        let child = Int32(truncatingIfNeeded: message)
        let kind: ProcessStartKind
        switch event {
        case Int32(CPTRACE_EVENT_FORK): kind = .fork
        case Int32(CPTRACE_EVENT_VFORK): kind = .vfork
        default: kind = KernelView.isThread(child, of: parent.pid) ? .thread : .clone
        }
        let start = ProcessStart(pid: kind == .thread ? parent.pid : child, tid: child, parentPID: parent.pid,
                                 parentTID: tid, kind: kind, time: time)
        events.append(.processStarted(start))
        if kind != .thread {
            control.register(child)
            // The parent is stopped at its fork: its descriptors are the child's now, not after it runs on
            // (it may close the connection it hands to the child before the child's first stop arrives).
            if processes[child] == nil {
                processes[child] = newProcess(processes[parent.pid].map { TracedProcess(pid: child, copying: $0) }
                                              ?? TracedProcess(pid: child))
            }
        }
        if stoppedBeforeAnnounced.remove(child) != nil {
            adopt(start)
            resume(child)
        } else {
            announced[child] = start
        }
        resume(tid)
    }

    /// A stop of a task not seen before: a new child or thread, whose first stop (its SIGSTOP) may come
    /// before or after its parent's fork/clone event. It runs only once both are in.
    private func newTaskStopped(_ tid: Int32) {
        if let start = announced.removeValue(forKey: tid) {
            adopt(start)
            resume(tid)
        } else {
            stoppedBeforeAnnounced.insert(tid)
        }
    }

    private func adopt(_ start: ProcessStart) {
        threads[start.tid] = TracedThread(tid: start.tid, pid: start.pid)
        if start.kind != .thread, processes[start.pid] == nil {
            let parent = processes[start.parentPID]
            processes[start.pid] = newProcess(parent.map { TracedProcess(pid: start.pid, copying: $0) } ?? TracedProcess(pid: start.pid))
        }
    }

    private func newProcess(_ process: TracedProcess) -> TracedProcess {
        if faults.duplicatesRefused { process.pidfd = -1 }
        return process
    }

    private func execed(_ tid: Int32, time: UInt64) {
        let pid = threads[tid]?.pid ?? tid
        if case .success(let former) = Ptrace.eventMessage(tid), Int32(truncatingIfNeeded: former) != tid {
            // A thread other than the leader exec'd: it now has the leader's id.
            threads[Int32(truncatingIfNeeded: former)] = nil
        }
        threads[tid] = TracedThread(tid: tid, pid: pid)
        for other in threads.values where other.pid == pid && other.tid != tid { threads[other.tid] = nil }
        if let process = processes[pid] {
            process.descriptors.forgetAcrossExec()
            process.epollSets = [:]
        }
        events.append(.exec(pid: pid, path: KernelView.executablePath(pid: pid), time: time))
        resume(tid)
    }

    private func ended(_ tid: Int32, _ status: TraceOutcome.Status, time: UInt64) {
        if tid == root {
            rootStatus = status
            if rootPhase != .running {
                rootPhase = .running
                let failure = SpawnReport.read(report)?.failure(path: path)
                    ?? .setupFailed("start", Errno(rawValue: control.isStopping ? EINTR : ECHILD))
                control.started(.failed(failure))
                processEnded(root, status, time: time, announce: false)
                return
            }
        }
        if let start = announced.removeValue(forKey: tid) {
            if start.kind == .thread {
                events.append(.threadExited(pid: start.pid, tid: tid, time: time))
            } else {
                processEnded(tid, status, time: time, announce: true)
            }
            return
        }
        stoppedBeforeAnnounced.remove(tid)
        guard let thread = threads.removeValue(forKey: tid) else { return }
        if thread.tid != thread.pid {
            events.append(.threadExited(pid: thread.pid, tid: tid, time: time))
        } else {
            processEnded(tid, status, time: time, announce: true)
        }
    }

    private func processEnded(_ pid: Int32, _ status: TraceOutcome.Status, time: UInt64, announce: Bool) {
        threads[pid] = nil
        processes.removeValue(forKey: pid)?.closeHandle()
        control.unregister(pid)
        guard announce else { return }
        switch status {
        case .exited(let code): events.append(.exited(pid: pid, status: code, time: time))
        case .signalled(let signal, let core): events.append(.signalled(pid: pid, signal: signal, coreDumped: core, time: time))
        }
    }
}
#endif
