import Synchronization
import TraceCore

/// A TCP socket whose every call reports a start and a done to its observer.
///
/// One thread at a time makes its calls; `interrupt()` and `close()` may come from any thread.
public final class Socket: Sendable {
    private let descriptor: Atomic<Int32>
    public let family: SocketAddress.Family
    public let observer: (any SocketObserver)?
    private let addresses: Mutex<(local: SocketAddress?, remote: SocketAddress?)>
    private let interrupted = Atomic<Bool>(false)
    private let lastReturnInterrupted = Atomic<Bool>(false)

    private init(fd: Int32, family: SocketAddress.Family, observer: (any SocketObserver)?,
                 local: SocketAddress? = nil, remote: SocketAddress? = nil) {
        self.descriptor = Atomic(fd)
        self.family = family
        self.observer = observer
        self.addresses = Mutex((local, remote))
    }

    deinit {
        let fd = descriptor.exchange(-1, ordering: .relaxed)
        if fd >= 0 { _ = Sys.close(fd) }
    }

    /// The descriptor, or -1 once closed.
    public var fd: Int32 { descriptor.load(ordering: .relaxed) }
    public var isOpen: Bool { fd >= 0 }
    /// Where this socket is bound, once bound or connected.
    public var localAddress: SocketAddress? { addresses.withLock { $0.local } }
    /// The peer, once connected or accepted.
    public var remoteAddress: SocketAddress? { addresses.withLock { $0.remote } }

    // MARK: - Calls

    /// Creates a TCP socket.
    ///
    /// The corresponding C function is `socket`.
    public static func tcp(_ family: SocketAddress.Family = .ipv4,
                           observer: (any SocketObserver)? = nil) throws(SocketError) -> Socket {
        var start = SocketCallStart(operation: .socket, fd: nil)
        start.family = family
        let fd = try perform(start, observer: observer, fd: -1, { Sys.socket(family: family) }) { done, fd in
            done.newFD = fd
            done.start.fd = fd
        }
        return Socket(fd: fd, family: family, observer: observer)
    }

    /// Sets an option; for `.linger`, the value is the linger time in seconds (0: close sends a reset).
    ///
    /// The corresponding C function is `setsockopt`.
    public func setOption(_ option: SocketOption, _ value: Int32 = 1) throws(SocketError) {
        var start = SocketCallStart(operation: .setsockopt, fd: fd)
        start.option = option
        start.optionValue = value
        let fd = self.fd
        try traced(start, { Sys.setOption(fd, option, value) })
    }

    /// Binds to an address; port 0 lets the kernel choose, and the chosen port is read back.
    ///
    /// The corresponding C function is `bind`.
    public func bind(to address: SocketAddress) throws(SocketError) {
        var start = SocketCallStart(operation: .bind, fd: fd)
        start.address = address
        let fd = self.fd
        try traced(start, { Sys.bind(fd, address) }) { [self] done, _ in
            let local = Sys.address(fd, peer: false)
            addresses.withLock { $0.local = local }
            done.local = local
        }
    }

    /// Marks the socket as passive: the kernel will complete handshakes and queue up to `backlog` connections.
    ///
    /// The corresponding C function is `listen`.
    public func listen(backlog: Int32 = 128) throws(SocketError) {
        var start = SocketCallStart(operation: .listen, fd: fd)
        start.backlog = backlog
        let fd = self.fd
        try traced(start, { Sys.listen(fd, backlog: backlog) })
    }

    /// Takes the next connection from the queue, waiting for one if it is empty.
    ///
    /// The new socket reports to `observer`, or to this socket's observer when nil.
    /// The corresponding C function is `accept4` (`accept` where there is none).
    public func accept(observer connectionObserver: (any SocketObserver)? = nil) throws(SocketError) -> Socket {
        let fd = self.fd
        let (newFD, peer) = try traced(SocketCallStart(operation: .accept, fd: fd), { Sys.accept(fd) }) {
            (done: inout SocketCallDone, result: (Int32, SocketAddress?)) in
            done.newFD = result.0
            done.remote = result.1
        }
        let local = Sys.address(newFD, peer: false)
        return Socket(fd: newFD, family: family, observer: connectionObserver ?? observer, local: local, remote: peer)
    }

    /// Opens a connection and waits for the kernel's handshake to finish (or fail).
    ///
    /// The corresponding C function is `connect`.
    public func connect(to address: SocketAddress) throws(SocketError) {
        var start = SocketCallStart(operation: .connect, fd: fd)
        start.address = address
        let fd = self.fd
        try traced(start, { Sys.connect(fd, address) }) { [self] done, _ in
            let local = Sys.address(fd, peer: false)
            addresses.withLock { $0 = (local, address) }
            done.local = local
            done.remote = address
        }
    }

    /// One `send()`: returns how many bytes the kernel took, which may be fewer than given.
    ///
    /// The corresponding C function is `send`.
    @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        var start = SocketCallStart(operation: .send, fd: fd)
        start.requestedBytes = bytes.count
        let fd = self.fd
        return try traced(start, { Sys.send(fd, bytes) }) { done, sent in
            done.transferredBytes = sent
            done.payload = UnsafeRawBufferPointer(rebasing: bytes.prefix(sent))
        }
    }

    /// Sends every byte, calling `send()` as many times as the kernel needs. Returns that count.
    ///
    /// The corresponding C function is `send`, in a loop.
    @discardableResult
    public func sendAll(_ bytes: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        var start = SocketCallStart(operation: .sendall, fd: fd)
        start.requestedBytes = bytes.count
        let fd = self.fd
        var progress = SendAllProgress()
        try traced(start, { () -> Result<Void, Errno> in
            progress = SendAllProgress.run(count: bytes.count) { range in
                Sys.send(fd, UnsafeRawBufferPointer(rebasing: bytes[range]))
            }
            return progress.error.map { .failure($0) } ?? .success(())
        }, done: { (done: inout SocketCallDone, _: Void) in
            done.transferredBytes = progress.sent
            done.sendCalls = progress.calls
            done.payload = bytes
        }, failed: { done in
            done.transferredBytes = progress.sent
            done.sendCalls = progress.calls
        })
        return progress.calls
    }

    /// One `recv()` into `buffer`: returns the bytes received, 0 when the peer has closed its side (or
    /// when `interrupt()` shut the reading side).
    ///
    /// The corresponding C function is `recv`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int {
        var start = SocketCallStart(operation: .recv, fd: fd)
        start.requestedBytes = buffer.count
        let fd = self.fd
        return try traced(start, { Sys.recv(fd, buffer) }) { done, received in
            done.transferredBytes = received
            done.payload = UnsafeRawBufferPointer(rebasing: buffer.prefix(received))
        }
    }

    /// Closes one or both directions; the peer sees end-of-stream after a write shutdown.
    ///
    /// The corresponding C function is `shutdown`.
    public func shutdown(_ how: ShutdownHow) throws(SocketError) {
        var start = SocketCallStart(operation: .shutdown, fd: fd)
        start.how = how
        let fd = self.fd
        try traced(start, { Sys.shutdown(fd, how) })
    }

    /// Releases the descriptor. Closing twice is harmless and reports nothing the second time.
    ///
    /// The corresponding C function is `close`.
    /// `byTool` marks a close the tool makes (the cleanup at the end of a run), not the program.
    public func close(byTool: Bool = false) throws(SocketError) {
        let fd = descriptor.exchange(-1, ordering: .relaxed)
        guard fd >= 0 else { return }
        var start = SocketCallStart(operation: .close, fd: fd)
        start.byTool = byTool
        // No kernel view follows: the descriptor is gone once the call returns.
        try Socket.perform(start, observer: observer, fd: -1, { Sys.close(fd) }, done: { _, _ in })
    }

    /// Waits until something can be read (data, the end of the stream, a connection to accept), at most
    /// `timeout`; false when the time ran out. A call of its own, reported as such.
    ///
    /// The corresponding C function is `poll`.
    public func waitUntilReadable(timeout: Duration) throws(SocketError) -> Bool {
        var start = SocketCallStart(operation: .poll, fd: fd)
        let milliseconds = Sys.milliseconds(timeout)
        start.timeoutMilliseconds = milliseconds
        let fd = self.fd
        return try traced(start, { Sys.poll(readable: fd, timeoutMilliseconds: milliseconds) }) { done, ready in
            done.ready = ready
        }
    }

    /// The tool's own stop: wakes a thread blocked in this socket's accept, recv or connect by shutting the
    /// reading side (on Linux that sends nothing to the peer; a blocked `recv` returns 0, `accept` fails
    /// with EINVAL), without releasing the descriptor. Safe from any thread; reported once, as the tool's
    /// call (`byTool`), so that what it wakes is never mistaken for the peer's doing.
    ///
    /// The corresponding C function is `shutdown(SHUT_RD)`.
    public func interrupt() {
        let fd = self.fd
        guard fd >= 0, !interrupted.exchange(true, ordering: .relaxed) else { return }
        var start = SocketCallStart(operation: .shutdown, fd: fd)
        start.how = .read
        start.byTool = true
        _ = try? Socket.perform(start, observer: observer, fd: -1, { Sys.shutdown(fd, .read) }, done: { _, _ in })
    }

    /// Whether `interrupt()` has shut this socket's reading side.
    public var wasInterrupted: Bool { interrupted.load(ordering: .relaxed) }

    /// Whether the socket's last call returned after `interrupt()`: what it returned (a `recv` of 0
    /// bytes) is then the stop's doing; otherwise it is the peer's, even if a stop came just after.
    public var lastCallWasWokenByStop: Bool { lastReturnInterrupted.load(ordering: .relaxed) }

    /// Bytes the kernel has received for this socket that no `recv()` has taken yet. Reports nothing.
    public func readableByteCount() -> Int? {
        let fd = self.fd
        return fd >= 0 ? Sys.readableByteCount(fd) : nil
    }

    /// The kernel's current view of this socket, where the platform gives one.
    public func kernelView() -> TCPInfo? {
        let fd = self.fd
        return fd >= 0 ? Sys.tcpInfo(fd) : nil
    }

    // MARK: - Reporting

    @inline(__always)
    @discardableResult
    private func traced<T>(_ start: SocketCallStart, _ body: () -> Result<T, Errno>,
                           done fill: (inout SocketCallDone, T) -> Void = { _, _ in },
                           failed: (inout SocketCallDone) -> Void = { _ in }) throws(SocketError) -> T {
        let (local, remote) = observer == nil ? (nil, nil) : addresses.withLock { ($0.local, $0.remote) }
        return try Socket.perform(start, observer: observer, fd: start.fd ?? -1, body, done: { [self] done, value in
            if done.local == nil { done.local = local }
            if done.remote == nil { done.remote = remote }
            done.afterInterrupt = wasInterrupted
            lastReturnInterrupted.store(done.afterInterrupt, ordering: .relaxed)
            fill(&done, value)
        }, failed: { [self] done in
            if done.local == nil { done.local = local }
            if done.remote == nil { done.remote = remote }
            done.afterInterrupt = wasInterrupted
            lastReturnInterrupted.store(done.afterInterrupt, ordering: .relaxed)
            failed(&done)
        })
    }

    /// Runs one call between two clock readings and reports it; without an observer, just runs it.
    /// `fd` names the socket whose kernel view follows the call (-1: none).
    @inline(__always)
    private static func perform<T>(_ start: SocketCallStart, observer: (any SocketObserver)?, fd: Int32,
                                   _ body: () -> Result<T, Errno>,
                                   done fill: (inout SocketCallDone, T) -> Void,
                                   failed: (inout SocketCallDone) -> Void = { _ in }) throws(SocketError) -> T {
        guard let observer else {
            switch body() {
            case .success(let value):
                // `fill` also records what the socket learned (its addresses), traced or not.
                var done = SocketCallDone(start: start)
                fill(&done, value)
                return value
            case .failure(let e): throw SocketError(e, start.operation)
            }
        }
        var start = start
        start.time = MonotonicClock.now()
        start.token = observer.callStarted(start)
        let result = body()
        var done = SocketCallDone(start: start)
        done.time = MonotonicClock.now()
        switch result {
        case .success(let value):
            fill(&done, value)
            let viewed = fd >= 0 ? fd : (done.newFD ?? -1)
            if viewed >= 0 && done.kernel == nil && observer.wantsKernelView(after: done) { done.kernel = Sys.tcpInfo(viewed) }
            observer.callFinished(done)
            return value
        case .failure(let e):
            let error = SocketError(e, start.operation)
            done.error = error
            failed(&done)
            if fd >= 0 && observer.wantsKernelView(after: done) { done.kernel = Sys.tcpInfo(fd) }
            observer.callFinished(done)
            throw error
        }
    }
}

extension Socket {
    /// Sends every byte of `bytes`; see `sendAll(_:)`.
    @discardableResult
    public func sendAll(_ bytes: [UInt8]) throws(SocketError) -> Int {
        try withBuffer(bytes) { buffer throws(SocketError) in try sendAll(buffer) }
    }

    /// Sends every byte of the UTF-8 text.
    @discardableResult
    public func sendAll(_ text: String) throws(SocketError) -> Int {
        try sendAll(Array(text.utf8))
    }

    /// One `recv()` of at most `maxBytes`; an empty result means the peer closed its side.
    public func receive(upTo maxBytes: Int) throws(SocketError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(maxBytes, 1))
        let count = try withMutableBuffer(&bytes) { buffer throws(SocketError) in
            try receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(maxBytes)))
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private func withBuffer<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(SocketError) -> T) throws(SocketError) -> T {
        let result: Result<T, SocketError> = bytes.withUnsafeBytes { buffer in
            do throws(SocketError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func withMutableBuffer<T>(_ bytes: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(SocketError) -> T) throws(SocketError) -> T {
        let result: Result<T, SocketError> = bytes.withUnsafeMutableBytes { buffer in
            do throws(SocketError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// The loop inside `sendAll`: `send` until every byte is taken, counting the calls.
struct SendAllProgress {
    var sent = 0
    var calls = 0
    var error: Errno?

    /// `send` gets the range still to send and returns how many bytes the kernel took.
    static func run(count: Int, send: (Range<Int>) -> Result<Int, Errno>) -> SendAllProgress {
        var progress = SendAllProgress()
        while progress.sent < count {
            progress.calls += 1
            switch send(progress.sent..<count) {
            case .success(0):
                // A blocking send that takes nothing would loop forever: report it instead.
                progress.error = .wouldBlock
                return progress
            case .success(let n): progress.sent += n
            case .failure(let e):
                progress.error = e
                return progress
            }
        }
        return progress
    }
}
