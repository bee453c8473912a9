#if os(Linux)
import CPtrace
import TraceSockets

/// Reads a stopped tracee's memory.
struct RemoteMemory {
    let tid: Int32

    /// Up to `count` bytes at `address`; nil when nothing could be read (a bad or NULL pointer).
    ///
    /// The corresponding C function is `process_vm_readv`.
    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard address != 0, count > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { cptrace_read_memory(tid, address, $0.baseAddress, UInt($0.count)) }
        guard got > 0 else { return nil }
        if got < count { bytes.removeLast(count - got) }
        return bytes
    }

    func int32(at address: UInt64) -> Int32? { value(at: address, as: Int32.self) }
    func int64(at address: UInt64) -> Int64? { value(at: address, as: Int64.self) }
    func uint64(at address: UInt64) -> UInt64? { value(at: address, as: UInt64.self) }

    private func value<T: FixedWidthInteger>(at address: UInt64, as type: T.Type) -> T? {
        guard let bytes = read(address, count: MemoryLayout<T>.size), bytes.count == MemoryLayout<T>.size else { return nil }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    /// A `struct timespec` (or, with `microseconds`, a `struct timeval`) as nanoseconds.
    func duration(at address: UInt64, microseconds: Bool) -> Int64? {
        guard let seconds = int64(at: address), let fraction = int64(at: address + 8) else { return nil }
        return seconds &* 1_000_000_000 &+ (microseconds ? fraction &* 1000 : fraction)
    }

    /// A socket address given by pointer and length; its family, and the address when it is IPv4/IPv6.
    func socketAddress(at address: UInt64, length: Int) -> (AddressFamily, SocketAddress?)? {
        guard length >= 2, let bytes = read(address, count: min(length, 128)), bytes.count >= 2 else { return nil }
        let family = AddressFamily(linuxValue: Int32(bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }))
        return (family, bytes.withUnsafeBytes { SocketAddress(kernelBytes: $0) })
    }

    /// The `(base, length)` pairs of an iovec array.
    func iovecs(at address: UInt64, count: Int) -> [(UInt64, Int)] {
        let count = min(max(count, 0), 64)
        guard let bytes = read(address, count: count * 16), bytes.count == count * 16 else { return [] }
        return (0..<count).map { i in
            bytes.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self),
                                     Int(truncatingIfNeeded: $0.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self))) }
        }
    }

    /// The first `limit` bytes spread over iovecs, holding `total` bytes in all.
    func gather(_ vectors: [(UInt64, Int)], total: Int, limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var left = min(total, limit)
        for (base, length) in vectors where left > 0 {
            let take = min(length, left)
            if let chunk = read(base, count: take) { bytes += chunk }
            left -= take
        }
        return bytes
    }
}
#endif
