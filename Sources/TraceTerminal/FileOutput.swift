#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization
import TraceCore

/// Writes text to a file descriptor (standard output, a file) with `write(2)`, whole or not at all.
/// When the reader has gone away (EPIPE: `trace | head`), it stops writing and remembers it.
public final class FileOutput: TextOutput {
    public let fd: Int32
    private let state = Mutex<Errno?>(nil)

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
        state.withLock { failure in
            guard failure == nil else { return }
            var text = text
            text.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = libc_write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n >= 0 { offset += n; continue }
                    let e = errno
                    if e == EINTR || e == EAGAIN { continue }
                    failure = Errno(e)
                    return
                }
            }
        }
    }

    /// The error that stopped writing, if any (EPIPE when the reader left).
    public var failure: Errno? { state.withLock { $0 } }

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
