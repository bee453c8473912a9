#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization
import TraceCore

/// Writes text to a file descriptor (standard output, a file) with `write(2)`, whole or not at all.
/// The first failure (EPIPE when the reader has gone away, `trace | head`; ENOSPC, EIO, EBADF) is
/// sticky: it stops writing, remembers the error for the end of the run, and tells whoever asked
/// (`whenFailing`), once.
public final class FileOutput: TextOutput {
    public let fd: Int32
    private let state = Mutex<Errno?>(nil)
    private let handlers = Mutex<[@Sendable () -> Void]>([])

    public init(fd: Int32) { self.fd = fd }

    public static let standardOutput = FileOutput(fd: 1)
    public static let standardError = FileOutput(fd: 2)

    /// Opens (creating or truncating) a file for writing, as a descriptor above `ToolDescriptors.floor`
    /// (a recording must not take the number the learner's first socket would get).
    public static func create(path: String) throws(OutputError) -> FileOutput {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, code: errno) }
        return FileOutput(fd: ToolDescriptors.moveHigh(fd))
    }

    public func write(_ text: String) {
        let failed = state.withLock { failure -> Bool in
            guard failure == nil else { return false }
            var text = text
            return text.withUTF8 { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let n = libc_write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n >= 0 { offset += n; continue }
                    let e = errno
                    if e == EINTR || e == EAGAIN { continue }
                    failure = Errno(e)
                    return true
                }
                return false
            }
        }
        if failed { tellFailure() }
    }

    /// The error that stopped writing, if any (EPIPE when the reader left).
    public var failure: Errno? { state.withLock { $0 } }

    /// Marks the output as lost without a write having failed (its reader is known to be gone): later
    /// writes are skipped and `failure` says `code`. Nothing changes when it had already failed.
    public func fail(_ code: Int32) {
        let first = state.withLock { failure -> Bool in
            guard failure == nil else { return false }
            failure = Errno(code)
            return true
        }
        if first { tellFailure() }
    }

    /// Calls `handler` once, on the thread that finds the output failed (at once if it already has).
    public func whenFailing(_ handler: @escaping @Sendable () -> Void) {
        let now = state.withLock { failure -> Bool in
            if failure == nil { handlers.withLock { $0.append(handler) } }
            return failure != nil
        }
        if now { handler() }
    }

    private func tellFailure() {
        let waiting = handlers.withLock { all -> [@Sendable () -> Void] in
            defer { all = [] }
            return all
        }
        for handler in waiting { handler() }
    }

    public func close() { _ = libc_close(fd) }

    public struct Errno: Error, Sendable, Equatable {
        public let code: Int32
        init(_ code: Int32) { self.code = code }
        public var isBrokenPipe: Bool { code == EPIPE }
        public var message: String { String(cString: strerror(code)) }
    }
}

/// A file that could not be opened for writing.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

#if canImport(Glibc)
private func libc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
private func libc_close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func libc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
private func libc_close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif
