#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A regular file opened for reading with `open(2)` and read with `read(2)`, chunk by chunk (no Foundation).
public final class ReadableFile {
    /// Why a file could not be opened or read.
    public enum Problem: Error, Equatable, Sendable {
        case noSuchFile
        case isDirectory
        case cannotOpen(Int32)
        case cannotRead(Int32)

        /// The C library's message for the failing call's errno ("Is a directory", ...).
        public var systemMessage: String {
            let code: Int32
            switch self {
            case .noSuchFile: code = ENOENT
            case .isDirectory: code = EISDIR
            case .cannotOpen(let c), .cannotRead(let c): code = c
            }
            guard let text = strerror(code) else { return "errno \(code)" }
            return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
        }
    }

    private let fd: Int32

    /// Opens `path`; a missing path, a directory and an unreadable file are told apart.
    public init(path: String) throws(Problem) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR ? .noSuchFile : .cannotOpen(code)
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .isDirectory }
        var opened: Int32
        repeat { opened = open(path, O_RDONLY | O_CLOEXEC) } while opened < 0 && errno == EINTR
        guard opened >= 0 else { throw .cannotOpen(errno) }
        fd = opened
    }

    deinit { _ = close(fd) }

    /// Reads up to `count` bytes; an empty array at the end of the file.
    public func read(upTo count: Int) throws(Problem) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var got = 0
        while true {
            got = buffer.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, count) }
            if got >= 0 { break }
            let code = errno
            if code != EINTR { throw .cannotRead(code) }
        }
        buffer.removeLast(count - got)
        return buffer
    }

    /// Reads everything, or at most `limit` bytes (so a caller can tell a file larger than `limit - 1`).
    public func readAll(limit: Int) throws(Problem) -> [UInt8] {
        var all: [UInt8] = []
        while all.count < limit {
            let chunk = try read(upTo: min(1 << 16, limit - all.count))
            if chunk.isEmpty { break }
            all += chunk
        }
        return all
    }
}

#if canImport(Glibc)
@inline(__always) private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#else
@inline(__always) private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
#endif
