import TraceCore

/// Which of a traced program's process moments (`fork`, `thread`, `exec`, `exit`, `signal`) get a row:
/// those of the processes and threads that take part in the lesson. A process's moments wait until it
/// makes a call or prints; then its fork (and the forks of the processes it came from) and the program
/// it runs now (its last exec) are shown, before that call. A process that ends without doing either
/// (a shell script's helpers, a version manager's shim in front of `python3`) is left out, and so is a
/// thread that never calls (a runtime's own). The process the user started is always shown ending,
/// with what it ran. The events themselves are all kept: only the diagram leaves some out.
struct ProcessMoments: Sendable {
    /// The first process seen for each side: the one the user started.
    private var roots: [TraceEvent.Actor: Int32] = [:]
    private var active: Set<Int32> = []
    /// A process's moments not shown yet: the fork that made it (in its parent's name), its execs.
    private var held: [Int32: [TraceEvent]] = [:]
    /// A thread's start, by the new thread's id, until it calls.
    private var heldThreads: [Int32: TraceEvent] = [:]
    private var activeThreads: Set<Int32> = []

    /// Takes an event; returns the events to show now, in order (none while it is held back).
    mutating func admit(_ e: TraceEvent) -> [TraceEvent] {
        guard let pid = e.pid else { return [e] }
        if roots[e.actor] == nil { roots[e.actor] = pid }
        switch e.operation {
        case .fork:
            guard let child = e.returnValue.map(Int32.init(truncatingIfNeeded:)) else { return [e] }
            held[child, default: []].append(e)
            return []
        case .thread:
            guard let thread = e.returnValue.map(Int32.init(truncatingIfNeeded:)) else { return [e] }
            heldThreads[thread] = e
            return []
        case .exec:
            if active.contains(pid) { return [e] }
            held[pid, default: []].append(e)
            return []
        case .exit, .signal:
            let shown = active.contains(pid) || roots[e.actor] == pid
            let released = shown ? release(pid) : []
            held[pid] = nil
            heldThreads = heldThreads.filter { $0.value.pid != pid }
            return shown ? released + [e] : []
        default:
            return releaseThread(e.tid, of: pid) + [e]
        }
    }

    /// What a call that starts releases (its process's and thread's moments), without the call itself.
    mutating func starting(_ e: TraceEvent) -> [TraceEvent] {
        guard let pid = e.pid else { return [] }
        if roots[e.actor] == nil { roots[e.actor] = pid }
        return releaseThread(e.tid, of: pid)
    }

    private mutating func releaseThread(_ tid: Int32?, of pid: Int32) -> [TraceEvent] {
        var out = release(pid)
        if let tid, tid != pid, activeThreads.insert(tid).inserted, let start = heldThreads.removeValue(forKey: tid) {
            out.append(start)
        }
        return out
    }

    /// A process becomes part of the diagram: the processes it came from first, then its fork, then
    /// the program it runs.
    private mutating func release(_ pid: Int32) -> [TraceEvent] {
        guard active.insert(pid).inserted else { return [] }
        let mine = held.removeValue(forKey: pid) ?? []
        var out: [TraceEvent] = []
        if let fork = mine.first(where: { $0.operation == .fork }) {
            if let parent = fork.pid { out += release(parent) }
            out.append(fork)
        }
        if let program = mine.last(where: { $0.operation == .exec }) { out.append(program) }
        return out
    }
}
