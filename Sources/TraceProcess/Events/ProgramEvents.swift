import TraceCore
import TraceSockets
import TraceText

/// The trace events a traced program's calls and moments become: the lesson's name for each call in
/// `op` and the real system call in `syscall` where they differ, addresses, byte counts, escaped
/// payloads, errors by errno name, the kernel's view. Pure: times are given already relative to the
/// trace's start; numbering, steps and connection labels are the caller's.
enum ProgramEvents {
    /// The most payload a preview shows (as the built-in programs' events do).
    static let previewLimit = 96

    /// Whether a reported call belongs on the diagram: calls on TCP sockets (or on sockets of a kind
    /// the tracer could not read), `socket()` making one, and waits on them. Local sockets (`AF_UNIX`,
    /// a resolver's netlink) are not the lesson's.
    static func isDrawn(_ entry: SyscallEntry) -> Bool {
        let a = entry.arguments
        switch entry.call {
        case .socket:
            return SocketKind(family: a.addressFamily ?? .other(-1), type: a.socketType ?? .other(-1),
                              protocolNumber: a.protocolNumber).isTCP
        case .socketpair:
            return false
        case .poll, .ppoll, .select, .pselect6, .epollWait, .epollPwait, .epollPwait2, .epollCtl:
            // The tracer reports these only when they involve a TCP socket.
            return true
        default:
            guard let kind = entry.socket else { return false }
            return kind.isTCP || kind == .unknown
        }
    }

    static func operation(of entry: SyscallEntry) -> TraceEvent.Operation {
        TraceEvent.Operation(rawValue: entry.lessonName.rawValue)
    }

    /// The call starting, at `time` (when the tracer let it run).
    static func start(_ entry: SyscallEntry, actor: TraceEvent.Actor, time: UInt64) -> TraceEvent {
        let a = entry.arguments
        let operation = operation(of: entry)
        var event = TraceEvent(time: time, phase: .start, actor: actor, operation: operation, fd: descriptor(of: entry),
                               requestedBytes: a.byteCount, address: a.address?.description,
                               family: entry.call == .socket ? (a.addressFamily == .inet6 ? "ipv6" : "ipv4") : nil,
                               backlog: a.backlog, how: a.shutdown?.description, pid: entry.pid, tid: entry.tid,
                               timeout: a.timeout.map(milliseconds),
                               systemCall: entry.call.name == operation.rawValue ? nil : entry.call.name)
        if let option = a.option {
            event.option = option.name
            if let value = a.optionValue { describe(value, into: &event) }
        }
        if let command = a.fcntlCommand { event.option = command.description }
        if let operation = a.epollOperation { event.option = operation.description }
        if let waited = waitedSocket(entry) { event.text = waited.events.description }
        return event
    }

    /// The call's end, `duration` after it started; `start` is its start event.
    static func done(_ entry: SyscallEntry, _ outcome: SyscallOutcome, start: TraceEvent, time: UInt64,
                     duration: UInt64) -> TraceEvent {
        var event = start
        event.phase = .done
        event.time = time
        event.duration = duration
        event.newFD = outcome.newFD
        event.bytes = outcome.bytesMoved
        if let payload = outcome.payload, !payload.isEmpty { event.preview = SafeText.escape(payload, limit: previewLimit) }
        event.local = outcome.localAddress?.description
        event.remote = outcome.peerAddress?.description
        if let error = outcome.error {
            event.error = TraceEvent.Failure(name: error.name, code: error.rawValue, message: error.message,
                                             call: event.operation.rawValue)
        }
        event.tcp = outcome.kernel.map(TraceEvent.KernelView.init)
        if let value = outcome.optionValue { describe(value, into: &event) }
        if outcome.nonBlocking == true { event.text = "O_NONBLOCK" }
        if let ready = outcome.ready, outcome.error == nil {
            event.returnValue = Int64(ready.count)
        }
        return event
    }

    /// What the program wrote to its standard output or error, as the moment it printed.
    static func printed(_ output: ProgramOutput, actor: TraceEvent.Actor, time: UInt64) -> TraceEvent {
        TraceEvent(time: time, phase: .instant, actor: actor, operation: .print, fd: output.fd, bytes: output.count,
                   preview: SafeText.escape(output.bytes, limit: previewLimit), text: output.stream == 2 ? "stderr" : nil,
                   pid: output.pid, tid: output.tid)
    }

    /// A process's or thread's birth, its exec, its end; nil for what the diagram does not show (a
    /// thread that ends: its process goes on).
    static func moment(_ event: ProcessTraceEvent, actor: TraceEvent.Actor, time relative: (UInt64) -> UInt64) -> TraceEvent? {
        switch event {
        case .processStarted(let start):
            let thread = start.kind == .thread
            var moment = TraceEvent(time: relative(start.time), phase: .instant, actor: actor,
                                    operation: thread ? .thread : .fork, pid: start.parentPID, tid: start.parentTID)
            moment.returnValue = Int64(thread ? start.tid : start.pid)
            if start.kind == .vfork || start.kind == .clone { moment.text = start.kind.rawValue }
            return moment
        case .exec(let pid, let path, let time):
            return TraceEvent(time: relative(time), phase: .instant, actor: actor, operation: .exec,
                              text: SafeText.sanitize(path), pid: pid, tid: pid)
        case .exited(let pid, let status, let time):
            var moment = TraceEvent(time: relative(time), phase: .instant, actor: actor, operation: .exit, pid: pid, tid: pid)
            moment.exitStatus = status
            return moment
        case .signalled(let pid, let signal, let core, let time):
            var moment = TraceEvent(time: relative(time), phase: .instant, actor: actor, operation: .signal,
                                    text: core ? "core dumped" : nil, pid: pid, tid: pid)
            moment.signal = signal.name
            moment.exitStatus = 128 + signal.rawValue
            return moment
        case .threadExited, .callStarted, .callFinished, .output:
            return nil
        }
    }

    // MARK: -

    /// The socket a call is about: its descriptor; an epoll_ctl's target; a wait's first TCP socket.
    private static func descriptor(of entry: SyscallEntry) -> Int32? {
        switch entry.call {
        case .socket: return nil
        case .epollCtl: return entry.arguments.targetFD
        default: return waitedSocket(entry)?.fd ?? entry.arguments.fd
        }
    }

    private static func waitedSocket(_ entry: SyscallEntry) -> WaitedDescriptor? {
        entry.arguments.waited?.first(where: \.isTCPSocket)
    }

    private static func describe(_ value: SocketOptionValue, into event: inout TraceEvent) {
        switch value {
        case .integer(let number): event.optionValue = number
        case .linger(true, let seconds): event.optionValue = seconds
        case .pendingError(let error): event.optionValue = error?.rawValue ?? 0; event.text = error?.name
        default: event.text = SafeText.sanitize(value.description)
        }
    }

    private static func milliseconds(_ timeout: WaitTimeout) -> Int32 {
        switch timeout {
        case .forever: return -1
        case .nanoseconds(let ns): return Int32(clamping: ns / 1_000_000)
        }
    }
}
