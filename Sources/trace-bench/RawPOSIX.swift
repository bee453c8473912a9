#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Plain libc calls, the way a C program would make them: the baseline the traced layer is compared to.
struct RawSocket: BenchSocket {
    let fd: Int32

    func sendAll(_ buffer: UnsafeRawBufferPointer) throws {
        var sent = 0
        while sent < buffer.count {
            let n = send(fd, buffer.baseAddress! + sent, buffer.count - sent, RawPOSIX.noSignal)
            if n < 0 { if errno == EINTR { continue }; throw RawPOSIX.Failure(call: "send", code: errno) }
            sent += n
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n >= 0 { return n }
            if errno != EINTR { throw RawPOSIX.Failure(call: "recv", code: errno) }
        }
    }

    func close() { _ = RawPOSIX.closeFD(fd) }
}

struct RawListener: BenchListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, RawPOSIX.stream, 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = RawPOSIX.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else { throw RawPOSIX.Failure(call: "bind/listen", code: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
    }

    func accept(noDelay: Bool) throws -> RawSocket {
        while true {
            let connection = libcAccept(fd)
            if connection >= 0 {
                if noDelay { RawPOSIX.setNoDelay(connection) }
                return RawSocket(fd: connection)
            }
            if errno != EINTR { throw RawPOSIX.Failure(call: "accept", code: errno) }
        }
    }

    func connect(noDelay: Bool) throws -> RawSocket {
        let client = socket(AF_INET, RawPOSIX.stream, 0)
        if noDelay { RawPOSIX.setNoDelay(client) }
        var address = RawPOSIX.loopback(port: port)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { libcConnect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw RawPOSIX.Failure(call: "connect", code: errno) }
        return RawSocket(fd: client)
    }

    func close() { _ = RawPOSIX.closeFD(fd) }
}

enum RawPOSIX {
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    #if os(Linux)
    static let stream = Int32(SOCK_STREAM.rawValue)
    static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    static let stream = SOCK_STREAM
    static let noSignal: Int32 = 0
    #endif

    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = INADDR_LOOPBACK.bigEndian
        return address
    }

    static func closeFD(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.close(fd)
        #else
        return Darwin.close(fd)
        #endif
    }

    /// Nanoseconds on the monotonic clock.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Nanoseconds of CPU time this thread has used.
    static func threadCPUTime() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Keeps this process (and the threads it starts from now on) on one CPU.
    static func pin(toCPU cpu: Int) -> Bool {
        #if os(Linux)
        // sched_setaffinity is a GNU extension Glibc's module does not export: look it up at run time.
        typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity") else { return false }
        let setAffinity = unsafeBitCast(symbol, to: SetAffinity.self)
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { bytes in bytes[cpu / 8] |= UInt8(1 << (cpu % 8)) }
        return withUnsafeBytes(of: &set) { setAffinity(0, $0.count, $0.baseAddress!) } == 0
        #else
        return false
        #endif
    }
}

private func libcAccept(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.accept(fd, nil, nil)
    #else
    return Darwin.accept(fd, nil, nil)
    #endif
}

private func libcConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.connect(fd, address, length)
    #else
    return Darwin.connect(fd, address, length)
    #endif
}
