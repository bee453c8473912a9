#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization

/// Tells a long run that its output is lost, on a thread of its own: when a write fails (ENOSPC, EIO,
/// EPIPE, EBADF: the output's `whenFailing`), and also while nothing is being written (`trace server
/// --forever | head -1`, then a server waiting in `accept()`): it polls the descriptor for an error
/// condition only (a pipe whose reader closed it reports one; a terminal, a file or /dev/full never
/// do) and then marks the output as lost (EPIPE). A terminal that hangs up is left to its SIGHUP. `onLoss` runs once, on the watcher's thread, never
/// on the thread whose write failed (which may hold the tracer's lock). Its wake-up pipe is one of the
/// tool's own descriptors, above the floor.
public final class OutputWatcher: Sendable {
    private let wake: (read: Int32, write: Int32)?
    private let thread: WatcherThread?
    /// Whether the wake-up pipe is still open (guards writes from `whenFailing` against `cancel`).
    private let open = OpenFlag()

    private final class OpenFlag: Sendable {
        let value = Mutex<Bool>(true)
    }

    private static let cancelled: UInt8 = 1
    private static let failed: UInt8 = 2

    public init(_ output: FileOutput, onLoss: @escaping @Sendable () -> Void) {
        let wake = ToolDescriptors.pipe()
        self.wake = wake
        guard let wake else {
            thread = nil
            return
        }
        let fd = output.fd
        thread = WatcherThread {
            // Bounded: each round ends on a condition, a wake-up or a signal; a million is years of signals.
            for _ in 0..<1_000_000 {
                var fds = [pollfd(fd: fd, events: 0, revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
                let n = poll(&fds, 2, -1)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if fds[1].revents != 0 {
                    var byte: UInt8 = 0
                    guard read(wake.read, &byte, 1) == 1, byte == OutputWatcher.failed else { return }
                    onLoss()
                    return
                }
                let revents = Int32(fds[0].revents)
                if revents & (Int32(POLLERR) | Int32(POLLNVAL)) != 0 {
                    output.fail(revents & Int32(POLLNVAL) != 0 ? EBADF : EPIPE)
                    onLoss()
                    return
                }
                // A terminal that hung up: SIGHUP says so (129); a write would fail and tell, too.
                if revents & Int32(POLLHUP) != 0 {
                    OutputWatcher.waitForFailure(wake.read, onLoss)
                    return
                }
            }
        }
        let guarded = open
        output.whenFailing {
            guarded.value.withLock { isOpen in
                guard isOpen else { return }
                var byte = OutputWatcher.failed
                _ = write(wake.write, &byte, 1)
            }
        }
    }

    deinit { cancel() }

    /// Only the wake-up pipe is left to watch: a write's failure, or the end.
    private static func waitForFailure(_ wake: Int32, _ onLoss: @Sendable () -> Void) {
        for _ in 0..<1_000_000 {
            var byte: UInt8 = 0
            let n = read(wake, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n == 1 && byte == OutputWatcher.failed { onLoss() }
            return
        }
    }

    /// Stops watching; `onLoss` is not called after it returns. Idempotent.
    public func cancel() {
        guard let wake else { return }
        let wasOpen = open.value.withLock { isOpen -> Bool in
            defer { isOpen = false }
            if isOpen {
                var byte = OutputWatcher.cancelled
                _ = write(wake.write, &byte, 1)
            }
            return isOpen
        }
        guard wasOpen else { return }
        thread?.join()
        _ = ToolDescriptors.closeDescriptor(wake.read)
        _ = ToolDescriptors.closeDescriptor(wake.write)
    }
}
