/// What one process's descriptor is, as far as the tracer has seen.
enum DescriptorKind: Equatable {
    case socket(SocketKind)
    /// Standard output (1) or error (2), or a duplicate of one.
    case output(stream: Int32)
    /// Anything else: a file, a pipe, an epoll instance.
    case other

    var socketKind: SocketKind? {
        if case .socket(let kind) = self { return kind }
        return nil
    }

    var isTCPSocket: Bool { socketKind?.isTCP ?? false }
}

/// One process's descriptors, followed through the calls that make, copy and close them. A number
/// missing from the table is unknown (opened by a call the filter lets through, or inherited across exec)
/// and is asked about when it matters.
struct DescriptorTable {
    private(set) var kinds: [Int32: DescriptorKind] = [1: .output(stream: 1), 2: .output(stream: 2)]

    subscript(fd: Int32) -> DescriptorKind? {
        get { kinds[fd] }
        set { kinds[fd] = newValue }
    }

    /// `dup`, `dup2`, `dup3`, `fcntl(F_DUPFD)`: the new number is what the old one was (unknown stays unknown).
    mutating func duplicate(_ old: Int32, to new: Int32) {
        kinds[new] = kinds[old]
    }

    mutating func close(_ fd: Int32) { kinds[fd] = nil }

    /// `close_range(first, last)`.
    mutating func close(from first: Int32, through last: Int32) {
        for fd in kinds.keys where fd >= first && fd <= last { kinds[fd] = nil }
    }

    /// After an exec, close-on-exec descriptors are gone and the tracer cannot tell which they were:
    /// everything but the standard three becomes unknown.
    mutating func forgetAcrossExec() {
        kinds = kinds.filter { $0.key <= 2 }
    }
}

/// One registration of `epoll_ctl`: the descriptor, the events asked for and the program's own data word.
struct EpollRegistration: Equatable {
    let fd: Int32
    var events: UInt32
    var data: UInt64
}
