import TraceCore

/// Numbers each process's TCP connections (#1, #2, ...) in the order they were accepted or connected, so
/// that the rows of a process with several can say which one they are about. A process with a single
/// connection is not labelled: its rows carry a number only from the moment it has a second one.
struct ConnectionNumbers: Sendable {
    private struct Key: Hashable, Sendable {
        let pid: Int32
        let fd: Int32
    }

    private var numbers: [Key: Int] = [:]
    private var made: [Int32: Int] = [:]

    /// A new connection on `fd` (an accept's new descriptor, a connecting socket).
    mutating func opened(pid: Int32, fd: Int32) {
        let count = (made[pid] ?? 0) + 1
        made[pid] = count
        numbers[Key(pid: pid, fd: fd)] = count
    }

    mutating func closed(pid: Int32, fd: Int32) { numbers[Key(pid: pid, fd: fd)] = nil }

    /// The label for a call on `fd`, once its process has had more than one connection.
    func label(pid: Int32?, fd: Int32?) -> Int? {
        guard let pid, let fd, (made[pid] ?? 0) > 1 else { return nil }
        return numbers[Key(pid: pid, fd: fd)]
    }
}
