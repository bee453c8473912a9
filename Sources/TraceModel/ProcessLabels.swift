import TraceCore

/// When a traced program's rows say which process and thread they are: a side's rows name their
/// process once that side has shown more than one, a process's rows name their thread once it has
/// shown more than one. Worked out as rows come, so earlier rows, drawn while there was only one, stay
/// as they were.
struct ProcessLabels: Sendable {
    private var processes: [TraceEvent.Actor: Set<Int32>] = [:]
    private var threaded: Set<Int32> = []

    mutating func labels(for event: TraceEvent) -> (process: Int32?, thread: Int32?) {
        guard let pid = event.pid, event.actor != .tool else { return (nil, nil) }
        processes[event.actor, default: []].insert(pid)
        if let tid = event.tid, tid != pid { threaded.insert(pid) }
        if event.operation == .thread { threaded.insert(pid) }
        let process = processes[event.actor]!.count > 1 ? pid : nil
        let thread = threaded.contains(pid) ? event.tid : nil
        return (process, thread)
    }
}
