#if os(Linux)
import CPtrace
import Glibc
import TraceSockets

/// What the tracer learns about a tracee's descriptor from the kernel, through a duplicate it takes with
/// `pidfd_getfd` and closes before the tracee runs again (while it is open, the tracee's own `close()`
/// would not close the socket, and no FIN would be sent).
enum KernelView {
    /// The kernel's view of a TCP socket and its two addresses, right now.
    struct SocketState {
        var info: TCPInfo?
        var local: SocketAddress?
        var peer: SocketAddress?
    }

    /// Runs `body` with a duplicate of the process's descriptor `fd`; nil when the kernel refuses one.
    ///
    /// The corresponding C functions are `pidfd_open` and `pidfd_getfd`.
    static func withDuplicate<T>(of fd: Int32, in process: TracedProcess, _ body: (Int32) -> T) -> Result<T, Errno> {
        if process.pidfd == nil {
            let handle = cptrace_pidfd_open(process.pid)
            process.pidfd = handle >= 0 ? handle : -1
        }
        guard let pidfd = process.pidfd, pidfd >= 0 else { return .failure(.notPermitted) }
        let duplicate = cptrace_pidfd_getfd(pidfd, fd)
        guard duplicate >= 0 else { return .failure(Errno(rawValue: errno)) }
        defer { Glibc.close(duplicate) }
        return .success(body(duplicate))
    }

    static func socketState(of fd: Int32, in process: TracedProcess) -> SocketState? {
        try? withDuplicate(of: fd, in: process) { own in
            SocketState(info: TCPInfo(socket: own), local: SocketAddress(localOf: own), peer: SocketAddress(peerOf: own))
        }.get()
    }

    /// What a descriptor is; nil when it is not open (or nothing can be learnt).
    static func classify(_ fd: Int32, in process: TracedProcess) -> DescriptorKind? {
        switch withDuplicate(of: fd, in: process, kind(ofOwn:)) {
        case .success(let kind): return kind
        case .failure(let error) where error == .badFileDescriptor: return nil
        case .failure: return kindFromProc(fd, pid: process.pid)
        }
    }

    /// The corresponding C functions are `fstat` and `getsockopt(SO_DOMAIN, SO_TYPE, SO_PROTOCOL)`.
    private static func kind(ofOwn fd: Int32) -> DescriptorKind {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else { return .other }
        func option(_ name: Int32) -> Int32? {
            var value: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(fd, SOL_SOCKET, name, &value, &length) == 0 ? value : nil
        }
        guard let domain = option(39), let type = option(3) else { return .socket(.unknown) }
        return .socket(SocketKind(family: AddressFamily(linuxValue: domain), type: SocketType(linuxValue: type),
                                  protocolNumber: option(38)))
    }

    /// Without `pidfd_getfd` (older kernels, another user's process): `/proc/PID/fd/N` names a socket
    /// `socket:[inode]`, but not its kind.
    private static func kindFromProc(_ fd: Int32, pid: Int32) -> DescriptorKind? {
        var target = [CChar](repeating: 0, count: 256)
        let count = readlink("/proc/\(pid)/fd/\(fd)", &target, target.count - 1)
        guard count > 0 else { return nil }
        let text = String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasPrefix("socket:[") ? .socket(.unknown) : .other
    }

    /// What an epoll descriptor watches, from `/proc/PID/fdinfo/N` (for a set the tracer did not see being filled).
    static func epollRegistrations(_ epfd: Int32, pid: Int32) -> [EpollRegistration] {
        guard let text = ProcFile.read("/proc/\(pid)/fdinfo/\(epfd)") else { return [] }
        var registrations: [EpollRegistration] = []
        for line in text.split(separator: "\n") where line.hasPrefix("tfd:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            func value(after key: String, radix: Int) -> UInt64? {
                guard let i = fields.firstIndex(where: { $0 == key }), i + 1 < fields.count else { return nil }
                return UInt64(fields[i + 1], radix: radix)
            }
            guard let fd = value(after: "tfd:", radix: 10) else { continue }
            registrations.append(EpollRegistration(fd: Int32(truncatingIfNeeded: fd),
                                                   events: UInt32(truncatingIfNeeded: value(after: "events:", radix: 16) ?? 0),
                                                   data: value(after: "data:", radix: 16) ?? 0))
        }
        return registrations
    }

    /// The port a listening socket of the process has, from `/proc/PID/net/tcp` and `tcp6` (found by the
    /// socket's inode), for when its socket cannot be duplicated.
    static func listeningPort(of fd: Int32, pid: Int32) -> UInt16? {
        var target = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/\(pid)/fd/\(fd)", &target, target.count - 1)
        guard count > 0 else { return nil }
        let link = String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard link.hasPrefix("socket:["), link.hasSuffix("]") else { return nil }
        let inode = link.dropFirst(8).dropLast()
        for table in ["tcp", "tcp6"] {
            guard let text = ProcFile.read("/proc/\(pid)/net/\(table)", limit: 1 << 20) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count > 9, fields[9] == inode, fields[3] == "0A",
                      let colon = fields[1].lastIndex(of: ":") else { continue }
                return UInt16(fields[1][fields[1].index(after: colon)...], radix: 16)
            }
        }
        return nil
    }

    /// The program a process runs now.
    static func executablePath(pid: Int32) -> String {
        var target = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/\(pid)/exe", &target, target.count - 1)
        guard count > 0 else { return "" }
        return String(decoding: target.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `tid` is a thread of the process `pid` (and not a process of its own).
    static func isThread(_ tid: Int32, of pid: Int32) -> Bool {
        access("/proc/\(pid)/task/\(tid)", F_OK) == 0
    }
}

/// Small files of /proc, read whole without Foundation.
enum ProcFile {
    /// The corresponding C functions are `open` and `read`.
    static func read(_ path: String, limit: Int = 65_536) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            bytes += chunk.prefix(got)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
#endif
