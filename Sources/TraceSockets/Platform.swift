// The one file that talks to libc. Every platform difference lives here; the rest of the module calls
// these wrappers, which return `Result` values and never leave `errno` for someone else to read.

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#else
#error("trace needs Glibc or Darwin")
#endif
import TraceCore
#if os(Linux)
import CShims
#endif

// MARK: - errno

extension Errno {
    /// The value of `errno` right now. Read it immediately after the failing call.
    static var current: Errno { Errno(rawValue: errno) }

    /// The system's own text for this error.
    ///
    /// The corresponding C function is `strerror`.
    public var message: String { String(cString: strerror(rawValue)) }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let inProgress = Errno(rawValue: EINPROGRESS)
    public static let alreadyInProgress = Errno(rawValue: EALREADY)
    public static let isConnected = Errno(rawValue: EISCONN)
    public static let notConnected = Errno(rawValue: ENOTCONN)
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    public static let connectionReset = Errno(rawValue: ECONNRESET)
    public static let connectionAborted = Errno(rawValue: ECONNABORTED)
    public static let brokenPipe = Errno(rawValue: EPIPE)
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    public static let addressNotAvailable = Errno(rawValue: EADDRNOTAVAIL)
    public static let addressFamilyNotSupported = Errno(rawValue: EAFNOSUPPORT)
    public static let networkUnreachable = Errno(rawValue: ENETUNREACH)
    public static let hostUnreachable = Errno(rawValue: EHOSTUNREACH)
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    public static let invalidArgument = Errno(rawValue: EINVAL)
    public static let permissionDenied = Errno(rawValue: EACCES)
    public static let notPermitted = Errno(rawValue: EPERM)
    public static let tooManyOpenFiles = Errno(rawValue: EMFILE)
    public static let tooManyOpenFilesInSystem = Errno(rawValue: ENFILE)
    public static let outOfMemory = Errno(rawValue: ENOMEM)
    public static let noBufferSpace = Errno(rawValue: ENOBUFS)

    /// Symbolic names, built from the platform's own constants (their values differ between systems).
    static let names: [Int32: String] = {
        var table: [Int32: String] = [:]
        let known: [(Int32, String)] = [
            (EPERM, "EPERM"), (ENOENT, "ENOENT"), (EINTR, "EINTR"), (EIO, "EIO"), (EBADF, "EBADF"),
            (EAGAIN, "EAGAIN"), (ENOMEM, "ENOMEM"), (EACCES, "EACCES"), (EFAULT, "EFAULT"),
            (EINVAL, "EINVAL"), (ENFILE, "ENFILE"), (EMFILE, "EMFILE"), (EPIPE, "EPIPE"),
            (ENOTSOCK, "ENOTSOCK"), (EDESTADDRREQ, "EDESTADDRREQ"), (EMSGSIZE, "EMSGSIZE"),
            (EPROTOTYPE, "EPROTOTYPE"), (ENOPROTOOPT, "ENOPROTOOPT"), (EPROTONOSUPPORT, "EPROTONOSUPPORT"),
            (EOPNOTSUPP, "EOPNOTSUPP"), (EAFNOSUPPORT, "EAFNOSUPPORT"), (EADDRINUSE, "EADDRINUSE"),
            (EADDRNOTAVAIL, "EADDRNOTAVAIL"), (ENETDOWN, "ENETDOWN"), (ENETUNREACH, "ENETUNREACH"),
            (ECONNABORTED, "ECONNABORTED"), (ECONNRESET, "ECONNRESET"), (ENOBUFS, "ENOBUFS"),
            (EISCONN, "EISCONN"), (ENOTCONN, "ENOTCONN"), (ETIMEDOUT, "ETIMEDOUT"),
            (ECONNREFUSED, "ECONNREFUSED"), (EHOSTDOWN, "EHOSTDOWN"), (EHOSTUNREACH, "EHOSTUNREACH"),
            (EALREADY, "EALREADY"), (EINPROGRESS, "EINPROGRESS"), (ENOSPC, "ENOSPC"), (ENOSYS, "ENOSYS"),
            (EUSERS, "EUSERS"), (ENODEV, "ENODEV"),
            // What writing a file (a recording, an export) meets.
            (EISDIR, "EISDIR"), (ENOTDIR, "ENOTDIR"), (EROFS, "EROFS"), (EDQUOT, "EDQUOT"), (EFBIG, "EFBIG"),
            (EEXIST, "EEXIST"), (ESRCH, "ESRCH"), (ECHILD, "ECHILD"),
            // What starting a program (`trace run`) meets.
            (ENOEXEC, "ENOEXEC"), (E2BIG, "E2BIG"), (ETXTBSY, "ETXTBSY"), (ELOOP, "ELOOP"), (ENAMETOOLONG, "ENAMETOOLONG"),
        ]
        for (code, name) in known where table[code] == nil { table[code] = name }
        return table
    }()
}

// MARK: - Constants that import differently on each platform

enum Sys {
    #if os(Linux)
    static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let streamType = SOCK_STREAM
    static let sendFlags: Int32 = 0
    #endif
    static let inet = AF_INET
    static let inet6 = AF_INET6
    static let tcpProtocol = Int32(IPPROTO_TCP)

    static func family(_ family: SocketAddress.Family) -> Int32 {
        family == .ipv4 ? inet : inet6
    }

    static func shutdownHow(_ how: ShutdownHow) -> Int32 {
        switch how {
        case .read: return Int32(SHUT_RD)
        case .write: return Int32(SHUT_WR)
        case .both: return Int32(SHUT_RDWR)
        }
    }

    // MARK: Calls

    private static func check(_ value: Int32) -> Result<Int32, Errno> {
        value == -1 ? .failure(.current) : .success(value)
    }

    private static func check(_ value: Int) -> Result<Int, Errno> {
        value == -1 ? .failure(.current) : .success(value)
    }

    /// Retries a call that was interrupted by a signal before it did anything.
    private static func retryingInterrupts<T>(_ body: () -> Result<T, Errno>) -> Result<T, Errno> {
        while true {
            let result = body()
            if case .failure(let e) = result, e == .interrupted { continue }
            return result
        }
    }

    /// The corresponding C function is `socket`.
    static func socket(family: SocketAddress.Family) -> Result<Int32, Errno> {
        let result = check(libc_socket(Sys.family(family), streamType, tcpProtocol))
        #if !os(Linux)
        if case .success(let fd) = result {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
        return result
    }

    /// The corresponding C function is `setsockopt`.
    static func setOption(_ fd: Int32, _ option: SocketOption, _ value: Int32) -> Result<Void, Errno> {
        var value = value
        let (level, name) = optionLevelAndName(option)
        if option == .linger {
            var l = linger(l_onoff: value >= 0 ? 1 : 0, l_linger: max(value, 0))
            return check(setsockopt(fd, level, name, &l, socklen_t(MemoryLayout<linger>.size))).map { _ in }
        }
        return check(setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))).map { _ in }
    }

    private static func optionLevelAndName(_ option: SocketOption) -> (Int32, Int32) {
        switch option {
        case .reuseAddress: return (SOL_SOCKET, SO_REUSEADDR)
        case .noDelay: return (tcpProtocol, Int32(TCP_NODELAY))
        case .linger: return (SOL_SOCKET, SO_LINGER)
        case .ipv6Only: return (Int32(IPPROTO_IPV6), IPV6_V6ONLY)
        case .receiveBuffer: return (SOL_SOCKET, SO_RCVBUF)
        case .sendBuffer: return (SOL_SOCKET, SO_SNDBUF)
        }
    }

    /// The corresponding C function is `bind`.
    static func bind(_ fd: Int32, _ address: SocketAddress) -> Result<Void, Errno> {
        address.withSockaddr { check(libc_bind(fd, $0, $1)).map { _ in } }
    }

    /// The corresponding C function is `listen`.
    static func listen(_ fd: Int32, backlog: Int32) -> Result<Void, Errno> {
        check(libc_listen(fd, backlog)).map { _ in }
    }

    /// Takes a connection, close-on-exec from the start (no window in which a fork inherits it).
    ///
    /// The corresponding C function is `accept4(SOCK_CLOEXEC)` (`accept` and `fcntl` where there is none).
    static func accept(_ fd: Int32) -> Result<(Int32, SocketAddress?), Errno> {
        retryingInterrupts {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let newFD = withUnsafeMutablePointer(to: &storage) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { libc_accept(fd, $0, &length) }
            }
            if newFD == -1 { return .failure(.current) }
            #if !os(Linux)
            _ = fcntl(newFD, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            _ = setsockopt(newFD, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            return .success((newFD, SocketAddress(storage: storage)))
        }
    }

    /// Connects, waiting as long as the kernel takes (a guard that gives up sooner is the tool's, and
    /// interrupts the call). An interrupted connect goes on in the kernel, so after EINTR it is awaited
    /// with `poll`, never restarted.
    ///
    /// The corresponding C function is `connect`.
    static func connect(_ fd: Int32, _ address: SocketAddress) -> Result<Void, Errno> {
        let rc = address.withSockaddr { libc_connect(fd, $0, $1) }
        if rc == 0 { return .success(()) }
        let error = Errno.current
        guard error == .interrupted else { return .failure(error) }
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if libc_poll(&p, 1, -1) == -1 {
                if Errno.current == .interrupted { continue }
                return .failure(.current)
            }
            var pending: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &length) == -1 { return .failure(.current) }
            return pending == 0 ? .success(()) : .failure(Errno(rawValue: pending))
        }
    }

    /// Waits until `fd` has something to read, at most `timeoutMilliseconds`; false when the time ran out.
    /// EINTR restarts the wait with the time left.
    ///
    /// The corresponding C function is `poll`.
    static func poll(readable fd: Int32, timeoutMilliseconds: Int32) -> Result<Bool, Errno> {
        let deadline = MonotonicClock.now() &+ UInt64(max(timeoutMilliseconds, 0)) * 1_000_000
        while true {
            let now = MonotonicClock.now()
            let left = now >= deadline ? 0 : Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let rc = libc_poll(&p, 1, left)
            if rc > 0 { return .success(true) }
            if rc == 0 { return .success(false) }
            if Errno.current != .interrupted { return .failure(.current) }
        }
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// One `send` with SIGPIPE suppressed; EINTR before any byte moved is retried.
    ///
    /// The corresponding C function is `send`.
    @inline(__always)
    static func send(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Result<Int, Errno> {
        retryingInterrupts { check(libc_send(fd, buffer.baseAddress, buffer.count, sendFlags)) }
    }

    /// The corresponding C function is `recv`.
    @inline(__always)
    static func recv(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        retryingInterrupts { check(libc_recv(fd, buffer.baseAddress, buffer.count, 0)) }
    }

    /// The corresponding C function is `shutdown`.
    static func shutdown(_ fd: Int32, _ how: ShutdownHow) -> Result<Void, Errno> {
        check(libc_shutdown(fd, shutdownHow(how))).map { _ in }
    }

    /// Closes once. Never retried: after EINTR the descriptor is already gone on Linux.
    ///
    /// The corresponding C function is `close`.
    static func close(_ fd: Int32) -> Result<Void, Errno> {
        check(libc_close(fd)).map { _ in }
    }

    /// The corresponding C functions are `getsockname` and `getpeername`.
    static func address(_ fd: Int32, peer: Bool) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                peer ? getpeername(fd, sa, &length) : getsockname(fd, sa, &length)
            }
        }
        return rc == 0 ? SocketAddress(storage: storage) : nil
    }

    /// Resolves a host name (or numeric address) to TCP addresses.
    ///
    /// The corresponding C function is `getaddrinfo`.
    static func resolve(host: String, port: UInt16, family: SocketAddress.Family?) -> Result<[SocketAddress], ResolverError> {
        var hints = addrinfo()
        hints.ai_family = family.map(Sys.family) ?? AF_UNSPEC
        hints.ai_socktype = Int32(plainStreamType)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0 else {
            let systemError = rc == EAI_SYSTEM ? Errno.current : nil
            return .failure(ResolverError(code: rc, name: resolverErrorName(rc),
                                          message: systemError?.message ?? String(cString: gai_strerror(rc))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var node = list
        while let entry = node {
            if let sa = entry.pointee.ai_addr, let address = SocketAddress(sockaddr: sa) {
                if !addresses.contains(address) { addresses.append(address) }
            }
            node = entry.pointee.ai_next
        }
        return .success(addresses)
    }

    private static func resolverErrorName(_ code: Int32) -> String {
        switch code {
        case EAI_NONAME: return "EAI_NONAME"
        case EAI_AGAIN: return "EAI_AGAIN"
        case EAI_FAIL: return "EAI_FAIL"
        case EAI_FAMILY: return "EAI_FAMILY"
        case EAI_SERVICE: return "EAI_SERVICE"
        case EAI_MEMORY: return "EAI_MEMORY"
        case EAI_SYSTEM: return "EAI_SYSTEM"
        default: return "EAI_\(code)"
        }
    }

    /// Bytes waiting in the receive buffer, not yet read.
    ///
    /// The corresponding C function is `ioctl(FIONREAD)`.
    static func readableByteCount(_ fd: Int32) -> Int? {
        var count: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &count) == 0 ? Int(count) : nil
    }

    /// This machine's own addresses on its network interfaces, loopback excluded, port 0.
    ///
    /// The corresponding C function is `getifaddrs`.
    static func interfaceAddresses() -> [SocketAddress] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [SocketAddress] = []
        var node = list
        while let entry = node {
            if let sa = entry.pointee.ifa_addr, let address = SocketAddress(sockaddr: UnsafePointer(sa)),
               !address.isLoopback, !addresses.contains(address) {
                addresses.append(address)
            }
            node = entry.pointee.ifa_next
        }
        return addresses
    }

    // MARK: Kernel view

    /// The kernel's view of a TCP socket, or nil where the platform does not give one.
    ///
    /// The corresponding C function is `getsockopt(IPPROTO_TCP, TCP_INFO)`.
    static func tcpInfo(_ fd: Int32) -> TCPInfo? {
        #if os(Linux)
        // Read with the kernel's layout (newer than glibc's `struct tcp_info`), field by field at its
        // offsets; fields beyond what the running kernel filled in stay absent.
        var raw = TCPInfoBuffer()
        var length = socklen_t(MemoryLayout<TCPInfoBuffer>.size)
        let rc = withUnsafeMutableBytes(of: &raw) { getsockopt(fd, tcpProtocol, TCP_INFO, $0.baseAddress, &length) }
        guard rc == 0, length >= 104 else { return nil }
        return withUnsafeBytes(of: &raw) { TCPInfo(linuxBytes: UnsafeRawBufferPointer(rebasing: $0.prefix(Int(length)))) }
        #else
        return nil
        #endif
    }

    // MARK: Address conversion

    static func sockaddrIn(_ address: SocketAddress) -> sockaddr_storage? {
        var storage = sockaddr_storage()
        let ok: Bool = address.host.withCString { host in
            withUnsafeMutablePointer(to: &storage) { p in
                switch address.family {
                case .ipv4:
                    return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                        #if !os(Linux)
                        sin.pointee.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
                        #endif
                        sin.pointee.sin_family = sa_family_t(AF_INET)
                        sin.pointee.sin_port = address.port.bigEndian
                        return inet_pton(AF_INET, host, &sin.pointee.sin_addr) == 1
                    }
                case .ipv6:
                    return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                        #if !os(Linux)
                        sin6.pointee.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
                        #endif
                        sin6.pointee.sin6_family = sa_family_t(AF_INET6)
                        sin6.pointee.sin6_port = address.port.bigEndian
                        sin6.pointee.sin6_scope_id = address.scopeID
                        return inet_pton(AF_INET6, host, &sin6.pointee.sin6_addr) == 1
                    }
                }
            }
        }
        return ok ? storage : nil
    }

    static func sockaddrLength(_ family: SocketAddress.Family) -> socklen_t {
        socklen_t(family == .ipv4 ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
    }

    /// Numeric text of an address and its port, from a `sockaddr`.
    ///
    /// The corresponding C function is `inet_ntop`.
    static func decode(_ sa: UnsafePointer<sockaddr>) -> (SocketAddress.Family, String, UInt16, UInt32)? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(sa.pointee.sa_family) {
        case AF_INET:
            return sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                var addr = sin.pointee.sin_addr
                guard inet_ntop(AF_INET, &addr, &text, socklen_t(text.count)) != nil else { return nil }
                return (.ipv4, decodeCString(text), UInt16(bigEndian: sin.pointee.sin_port), 0)
            }
        case AF_INET6:
            return sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                var addr = sin6.pointee.sin6_addr
                guard inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count)) != nil else { return nil }
                return (.ipv6, decodeCString(text), UInt16(bigEndian: sin6.pointee.sin6_port), sin6.pointee.sin6_scope_id)
            }
        default:
            return nil
        }
    }

    private static func decodeCString(_ chars: [CChar]) -> String {
        let bytes = chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

#if os(Linux)
/// Room for the kernel's `struct tcp_info` (232 bytes up to `tcpi_snd_wnd` on recent kernels).
struct TCPInfoBuffer {
    var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}
#endif

extension SocketAddress {
    init?(storage: sockaddr_storage) {
        var storage = storage
        let decoded = withUnsafePointer(to: &storage) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Sys.decode($0) }
        }
        guard let (family, host, port, scope) = decoded else { return nil }
        self.init(family: family, host: host, port: port, scopeID: scope)
    }

    init?(sockaddr sa: UnsafePointer<sockaddr>) {
        guard let (family, host, port, scope) = Sys.decode(sa) else { return nil }
        self.init(family: family, host: host, port: port, scopeID: scope)
    }

    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var storage = Sys.sockaddrIn(self) ?? sockaddr_storage()
        return withUnsafePointer(to: &storage) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, Sys.sockaddrLength(family)) }
        }
    }

    /// True when `host` is a numeric address of this family.
    static func isNumeric(_ host: String, family: Family) -> Bool {
        var buffer = in6_addr()
        return inet_pton(Sys.family(family), host, &buffer) == 1
    }
}

// Names the libc functions that this module's own methods (`send`, `close`, ...) would otherwise hide.
#if canImport(Glibc)
private let plainStreamType = SOCK_STREAM.rawValue
private func libc_socket(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 { Glibc.socket(a, b, c) }
private func libc_bind(_ fd: Int32, _ a: UnsafePointer<sockaddr>, _ l: socklen_t) -> Int32 { Glibc.bind(fd, a, l) }
private func libc_listen(_ fd: Int32, _ b: Int32) -> Int32 { Glibc.listen(fd, b) }
private func libc_accept(_ fd: Int32, _ a: UnsafeMutablePointer<sockaddr>, _ l: UnsafeMutablePointer<socklen_t>) -> Int32 {
    cshims_accept4(fd, UnsafeMutableRawPointer(a), l, Int32(SOCK_CLOEXEC.rawValue))
}
private func libc_poll(_ p: UnsafeMutablePointer<pollfd>, _ n: nfds_t, _ t: Int32) -> Int32 { Glibc.poll(p, n, t) }
private func libc_connect(_ fd: Int32, _ a: UnsafePointer<sockaddr>, _ l: socklen_t) -> Int32 { Glibc.connect(fd, a, l) }
private func libc_send(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int, _ f: Int32) -> Int { Glibc.send(fd, p, n, f) }
private func libc_recv(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int, _ f: Int32) -> Int { Glibc.recv(fd, p, n, f) }
private func libc_shutdown(_ fd: Int32, _ h: Int32) -> Int32 { Glibc.shutdown(fd, h) }
private func libc_close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private let plainStreamType = SOCK_STREAM
private func libc_socket(_ a: Int32, _ b: Int32, _ c: Int32) -> Int32 { Darwin.socket(a, b, c) }
private func libc_bind(_ fd: Int32, _ a: UnsafePointer<sockaddr>, _ l: socklen_t) -> Int32 { Darwin.bind(fd, a, l) }
private func libc_listen(_ fd: Int32, _ b: Int32) -> Int32 { Darwin.listen(fd, b) }
private func libc_accept(_ fd: Int32, _ a: UnsafeMutablePointer<sockaddr>, _ l: UnsafeMutablePointer<socklen_t>) -> Int32 { Darwin.accept(fd, a, l) }
private func libc_connect(_ fd: Int32, _ a: UnsafePointer<sockaddr>, _ l: socklen_t) -> Int32 { Darwin.connect(fd, a, l) }
private func libc_send(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int, _ f: Int32) -> Int { Darwin.send(fd, p, n, f) }
private func libc_recv(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int, _ f: Int32) -> Int { Darwin.recv(fd, p, n, f) }
private func libc_shutdown(_ fd: Int32, _ h: Int32) -> Int32 { Darwin.shutdown(fd, h) }
private func libc_close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
private func libc_poll(_ p: UnsafeMutablePointer<pollfd>, _ n: nfds_t, _ t: Int32) -> Int32 { Darwin.poll(p, n, t) }
#endif
