/// The system-call numbers of the machine's architecture (they differ: aarch64 has no `poll`, `select`,
/// `dup2` or `epoll_wait`, and neither it nor x86_64 has `send`/`recv`, which libc makes with `sendto`/`recvfrom`).
enum SyscallTable {
    #if arch(x86_64)
    static let numbers: [SystemCall: UInt32] = [
        .read: 0, .write: 1, .close: 3, .poll: 7, .readv: 19, .writev: 20, .select: 23, .dup: 32, .dup2: 33,
        .socket: 41, .connect: 42, .accept: 43, .sendto: 44, .recvfrom: 45, .sendmsg: 46, .recvmsg: 47,
        .shutdown: 48, .bind: 49, .listen: 50, .getsockname: 51, .getpeername: 52, .socketpair: 53,
        .setsockopt: 54, .getsockopt: 55, .fcntl: 72, .epollWait: 232, .epollCtl: 233, .pselect6: 270,
        .ppoll: 271, .epollPwait: 281, .accept4: 288, .dup3: 292, .closeRange: 436, .epollPwait2: 441,
    ]
    #elseif arch(arm64)
    static let numbers: [SystemCall: UInt32] = [
        .epollCtl: 21, .epollPwait: 22, .dup: 23, .dup3: 24, .fcntl: 25, .close: 57, .read: 63, .write: 64,
        .readv: 65, .writev: 66, .pselect6: 72, .ppoll: 73, .socket: 198, .socketpair: 199, .bind: 200,
        .listen: 201, .accept: 202, .connect: 203, .getsockname: 204, .getpeername: 205, .sendto: 206,
        .recvfrom: 207, .setsockopt: 208, .getsockopt: 209, .shutdown: 210, .sendmsg: 211, .recvmsg: 212,
        .accept4: 242, .closeRange: 436, .epollPwait2: 441,
    ]
    #else
    static let numbers: [SystemCall: UInt32] = [:]
    #endif

    /// The call for a number, nil for the ones not traced.
    static let calls: [UInt64: SystemCall] = {
        var table: [UInt64: SystemCall] = [:]
        for (call, number) in numbers { table[UInt64(number)] = call }
        return table
    }()

    /// Every traced number, sorted: the seccomp filter's list.
    static var filterNumbers: [UInt32] { numbers.values.sorted() }

    /// Before a process has a socket: the calls that always stop it (the socket calls, and the copies of
    /// descriptors that make another descriptor standard output).
    static var beforeSocketsAlways: [UInt32] {
        numbers.filter { $0.key.isSocketOnly || [.dup, .dup2, .dup3, .closeRange].contains($0.key) }.map(\.value).sorted()
    }

    /// Before a process has a socket: the calls that stop it only on descriptors 1 and 2.
    static var beforeSocketsOnStandardOutput: [UInt32] {
        numbers.filter { [.write, .writev, .close].contains($0.key) }.map(\.value).sorted()
    }

    /// Whether this architecture has a table at all.
    static var isSupported: Bool { !numbers.isEmpty }
}
