#if os(Linux)
import CPtrace
import Glibc
import TraceCore
import TraceSockets

extension TraceSession {
    /// A seccomp stop, or a system-call entry or exit stop.
    func syscallStop(_ tid: Int32, time: UInt64) {
        guard case .success(let info) = Ptrace.syscallInfo(tid) else {
            resume(tid)
            return
        }
        switch Int32(info.op) {
        case Int32(CPTRACE_INFO_SECCOMP), Int32(CPTRACE_INFO_ENTRY):
            // A process stopped at every call still has its filter: a traced call stops it twice on entry.
            if Int32(info.op) == Int32(CPTRACE_INFO_SECCOMP), threads[tid]?.pending != nil {
                resume(tid)
                return
            }
            if let call = SyscallTable.calls[info.nr] {
                entered(tid, call, registers(info), time: time)
            } else {
                resume(tid)
            }
        case Int32(CPTRACE_INFO_EXIT):
            exited(tid, rval: info.rval, isError: info.is_error != 0, time: time)
        default:
            resume(tid)
        }
    }

    private func registers(_ info: cptrace_syscall_info) -> [UInt64] {
        [info.args.0, info.args.1, info.args.2, info.args.3, info.args.4, info.args.5]
    }

    // MARK: - Entry

    private func entered(_ tid: Int32, _ call: SystemCall, _ r: [UInt64], time: UInt64) {
        guard let thread = threads[tid], let process = processes[thread.pid] else {
            resume(tid)
            return
        }
        let decoder = argumentDecoder(tid: tid, process: process)
        let fd = Int32(truncatingIfNeeded: r[0])
        var arguments: CallArguments?
        let purpose: EntryPlan?
        switch call {
        case .read, .readv:
            purpose = kind(of: fd, in: process)?.isTCPSocket == true ? .report : nil
        case .write, .writev:
            switch kind(of: fd, in: process) {
            case .socket(let socket) where socket.isTCP: purpose = .report
            case .output(let stream): purpose = .output(stream)
            default: purpose = nil
            }
        case .close:
            if kind(of: fd, in: process)?.socketKind != nil {
                purpose = .report
            } else {
                process.descriptors.close(fd)
                purpose = nil
            }
        case .closeRange:
            // CLOSE_RANGE_CLOEXEC (4) only marks them.
            if r[2] & 4 == 0 { process.descriptors.close(from: fd, through: Int32(truncatingIfNeeded: min(r[1], UInt64(Int32.max)))) }
            purpose = nil
        case .dup, .dup2, .dup3:
            purpose = kind(of: fd, in: process)?.socketKind != nil ? .report : .track
        case .fcntl:
            if kind(of: fd, in: process)?.socketKind != nil {
                purpose = .report
            } else {
                purpose = FcntlCommand(linuxValue: Int32(truncatingIfNeeded: r[1])).isDuplicate ? .track : nil
            }
        case .epollCtl:
            purpose = kind(of: Int32(truncatingIfNeeded: r[2]), in: process)?.isTCPSocket == true ? .report : .track
        case .poll, .ppoll, .select, .pselect6, .epollWait, .epollPwait, .epollPwait2:
            let decoded = decoder.decode(call, r, epollSet: epollSet(fd, in: process))
            arguments = decoded
            purpose = decoded.waited?.contains(where: \.isTCPSocket) == true ? .report : nil
        default:
            purpose = call.isSocketOnly ? .report : nil
        }
        guard let purpose else {
            resume(tid)
            return
        }
        let decoded = arguments ?? decoder.decode(call, r)
        switch purpose {
        case .output(let stream):
            threads[tid]?.pending = PendingCall(call: call, registers: r, arguments: decoded, purpose: .output(stream: stream))
            resume(tid)
            return
        case .track:
            threads[tid]?.pending = PendingCall(call: call, registers: r, arguments: decoded, purpose: .track)
            resume(tid)
            return
        case .report:
            break
        }
        var entry = SyscallEntry(sequence: sequence, pid: thread.pid, tid: tid, time: time, call: call,
                                 arguments: decoded, socket: decoded.fd.flatMap { kind(of: $0, in: process)?.socketKind })
        sequence += 1
        // The number is free once this thread runs on: another thread's accept() or socket() may get it and
        // be seen first, so it is forgotten now, not at this call's exit.
        if call == .close { process.descriptors.close(fd) }
        if let gate, gate(entry) == .stop {
            control.requestStop()
            return
        }
        entry.released = MonotonicClock.now()
        threads[tid]?.pending = PendingCall(call: call, registers: r, arguments: decoded, purpose: .report(entry))
        resume(tid)
        events.append(.callStarted(entry))
    }

    /// What the tracer does with a call it stopped at.
    private enum EntryPlan {
        /// Report it (callStarted, the gate, callFinished).
        case report
        /// A write to standard output (1) or error (2): report its bytes at the exit.
        case output(Int32)
        /// Report nothing, but follow its result at the exit.
        case track
    }

    private func argumentDecoder(tid: Int32, process: TracedProcess) -> ArgumentDecoder {
        ArgumentDecoder(memory: RemoteMemory(tid: tid)) { [unowned self] fd in
            self.kind(of: fd, in: process)?.isTCPSocket == true
        }
    }

    /// What a descriptor is: from the table, or asked of the kernel once and remembered.
    func kind(of fd: Int32, in process: TracedProcess) -> DescriptorKind? {
        if let known = process.descriptors[fd] { return known }
        guard fd >= 0, let found = KernelView.classify(fd, in: process) else { return nil }
        process.descriptors[fd] = found
        return found
    }

    /// What an epoll descriptor watches: followed through `epoll_ctl`, or read from /proc the first time.
    private func epollSet(_ epfd: Int32, in process: TracedProcess) -> [EpollRegistration] {
        if let known = process.epollSets[epfd] { return known }
        let found = KernelView.epollRegistrations(epfd, pid: process.pid)
        process.epollSets[epfd] = found
        return found
    }

    // MARK: - Exit

    private func exited(_ tid: Int32, rval: Int64, isError: Bool, time: UInt64) {
        guard let pending = threads[tid]?.pending, let pid = threads[tid]?.pid, let process = processes[pid] else {
            resume(tid)
            return
        }
        threads[tid]?.pending = nil
        let memory = RemoteMemory(tid: tid)
        let r = pending.registers
        switch pending.purpose {
        case .output(let stream):
            let output = rval > 0 ? written(pending.call, r, count: Int(rval), memory: memory) : nil
            resume(tid)
            if let output {
                events.append(.output(ProgramOutput(pid: pid, tid: tid, fd: pending.arguments.fd ?? -1, stream: stream,
                                                    bytes: output, count: Int(rval), time: time)))
            }
        case .track:
            if !isError { track(pending, rval: rval, process: process, memory: memory) }
            resume(tid)
        case .report(let entry):
            let decoder = OutcomeDecoder(arguments: argumentDecoder(tid: tid, process: process))
            let epoll = pending.arguments.fd.flatMap { process.epollSets[$0] }
            var outcome = decoder.decode(pending.call, r, rval: rval, isError: isError, time: time, epollSet: epoll)
            if !isError { track(pending, rval: rval, process: process, memory: memory) }
            addKernelView(to: &outcome, pending, process: process)
            // A local socket (a name-service lookup at start-up) is not the lesson's: the full filter waits
            // for a call on the network.
            if !ProgramEvents.isDrawn(entry) || !installFullFilter(tid, process: process) { resume(tid) }
            events.append(.callFinished(entry, outcome))
        }
    }

    /// The bytes a successful write put out (at most `ProgramOutput.limit`).
    private func written(_ call: SystemCall, _ r: [UInt64], count: Int, memory: RemoteMemory) -> [UInt8]? {
        if call == .writev {
            return memory.gather(memory.iovecs(at: r[1], count: Int(truncatingIfNeeded: r[2])), total: count,
                                 limit: ProgramOutput.limit)
        }
        return memory.read(r[1], count: min(count, ProgramOutput.limit))
    }

    /// Follows what a successful call did to the process's descriptors.
    private func track(_ pending: PendingCall, rval: Int64, process: TracedProcess, memory: RemoteMemory) {
        let a = pending.arguments
        let fd = a.fd ?? -1
        let new = Int32(truncatingIfNeeded: rval)
        switch pending.call {
        case .socket:
            process.descriptors[new] = .socket(SocketKind(family: a.addressFamily ?? .other(-1), type: a.socketType ?? .other(-1),
                                                          protocolNumber: a.protocolNumber))
        case .socketpair:
            let kind = SocketKind(family: a.addressFamily ?? .other(-1), type: a.socketType ?? .other(-1), protocolNumber: a.protocolNumber)
            for i in 0..<2 {
                if let made = memory.int32(at: pending.registers[3] &+ UInt64(4 * i)) { process.descriptors[made] = .socket(kind) }
            }
        case .accept, .accept4:
            process.descriptors[new] = process.descriptors[fd] ?? KernelView.classify(new, in: process)
        case .dup, .dup2, .dup3:
            process.descriptors.duplicate(fd, to: new)
        case .fcntl where a.fcntlCommand?.isDuplicate == true:
            process.descriptors.duplicate(fd, to: new)
        case .epollCtl:
            trackEpoll(a, pending.registers, process: process, memory: memory)
        case .bind:
            process.boundAddresses[fd] = a.address
        default:
            break
        }
    }

    private func trackEpoll(_ a: CallArguments, _ r: [UInt64], process: TracedProcess, memory: RemoteMemory) {
        guard let epfd = a.fd, let target = a.targetFD, let operation = a.epollOperation else { return }
        var set = epollSet(epfd, in: process)
        set.removeAll { $0.fd == target }
        if operation != .delete {
            #if arch(x86_64)
            let dataOffset: UInt64 = 4
            #else
            let dataOffset: UInt64 = 8
            #endif
            let events = memory.int32(at: r[3]).map { UInt32(bitPattern: $0) } ?? 0
            set.append(EpollRegistration(fd: target, events: events, data: memory.uint64(at: r[3] &+ dataOffset) ?? 0))
        }
        process.epollSets[epfd] = set
    }

    /// The kernel's view of the TCP socket after the call, read through a duplicate closed before the
    /// program resumes.
    private func addKernelView(to outcome: inout SyscallOutcome, _ pending: PendingCall, process: TracedProcess) {
        switch pending.call {
        case .close, .closeRange, .poll, .ppoll, .select, .pselect6, .epollWait, .epollPwait, .epollPwait2, .epollCtl,
             .dup, .dup2, .dup3, .fcntl:
            return
        default:
            break
        }
        let accepted = (pending.call == .accept || pending.call == .accept4) ? outcome.newFD : nil
        let socketCall = pending.call == .socket ? outcome.newFD : nil
        guard let fd = accepted ?? socketCall ?? pending.arguments.fd, process.descriptors[fd]?.isTCPSocket == true else { return }
        if let state = KernelView.socketState(of: fd, in: process) {
            outcome.kernel = state.info
            if outcome.localAddress == nil { outcome.localAddress = state.local }
            if outcome.peerAddress == nil { outcome.peerAddress = state.peer }
        } else if pending.call == .listen, outcome.succeeded, let port = KernelView.listeningPort(of: fd, pid: process.pid) {
            // No duplicate: the port from /proc/PID/net/tcp, the host from the bind() the tracer saw.
            let bound = process.boundAddresses[fd] ?? .loopback(process.descriptors[fd]?.socketKind?.family == .inet6 ? .ipv6 : .ipv4)
            outcome.localAddress = bound.with(port: port)
        }
    }
}
#endif
