#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceSockets

/// The file calls behind `PcapWriter` and `PcapReader`, each failure a `PcapError` naming the file.
struct PcapFile {
    let fd: Int32
    let path: String

    private func failure(_ operation: String) -> PcapError {
        PcapError(.system(Errno(rawValue: errno), operation: operation), path: path)
    }

    /// Creates (or truncates) the file for writing, mode 0644 before the umask.
    ///
    /// The corresponding C function is `open(O_WRONLY | O_CREAT | O_TRUNC)`.
    static func create(_ path: String) throws(PcapError) -> PcapFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd == -1 { throw PcapError(.system(Errno(rawValue: errno), operation: "open"), path: path) }
        return PcapFile(fd: fd, path: path)
    }

    /// The corresponding C function is `open(O_RDONLY)`.
    static func openForReading(_ path: String) throws(PcapError) -> PcapFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd == -1 { throw PcapError(.system(Errno(rawValue: errno), operation: "open"), path: path) }
        return PcapFile(fd: fd, path: path)
    }

    /// Writes every byte, however many calls it takes; EINTR is retried.
    ///
    /// The corresponding C function is `write`.
    func writeAll(_ bytes: [UInt8]) throws(PcapError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n == -1 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            done += n
        }
    }

    /// Reads the whole file.
    ///
    /// The corresponding C function is `read`.
    func readAll() throws(PcapError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == -1 {
                if errno == EINTR { continue }
                throw failure("read")
            }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// Flushes the file to the disk's cache and closes it: a full disk can show only here.
    ///
    /// The corresponding C function is `close`.
    func close() throws(PcapError) {
        if libcClose(fd) == -1 { throw failure("close") }
    }

    /// Closes without reporting (after an earlier error).
    func discard() { _ = libcClose(fd) }
}

#if canImport(Glibc)
private func libcClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func libcClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif
