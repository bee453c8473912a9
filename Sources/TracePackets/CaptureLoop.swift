#if os(Linux)
import Glibc
import TraceCore
import TraceSockets

/// The reader thread's work: wait for frames and read them (`FrameReader`) as they come. Once woken
/// through `wakeFD`, it drains the socket, closes the reader, says so through `finishedFD`, and only then
/// closes the packet socket (and `finishedFD`): that close waits for an RCU grace period (`synchronize_net`,
/// 8 to 25 ms here), which `stop()` need not wait for.
struct CaptureLoop: Sendable {
    let reader: FrameReader
    let wakeFD: Int32
    /// Owned by the loop, which writes one byte to it when it is done, then closes it.
    let finishedFD: Int32
    let drainTimeout: Duration

    /// Frames read between two looks at the wake-up pipe and two updates of the shared statistics.
    private static let batch = 256
    /// The most frames a drain reads, whatever its deadline.
    private static let drainLimit = 1_000_000

    func run() {
        defer { finish() }
        for _ in 0..<Int.max {
            switch PacketSys.waitReadable([reader.packetFD, wakeFD], timeoutMilliseconds: -1) {
            case .failure(let e) where e == .interrupted:
                continue
            case .failure(let e):
                reader.fail(.failed(.poll, e))
                return
            case .success(let ready):
                if ready[1] {
                    let deadline = MonotonicClock.now() &+ UInt64(Self.nanoseconds(drainTimeout))
                    reader.readAvailable(limit: Self.drainLimit, deadline: deadline)
                    return
                }
                if ready[0], !reader.readAvailable(limit: Self.batch) { return }
            }
        }
    }

    private func finish() {
        reader.close()
        PacketSys.poke(finishedFD)
        PacketSys.close(reader.packetFD)
        PacketSys.close(finishedFD)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds) &* 1_000_000_000 &+ max(0, attoseconds) / 1_000_000_000
    }
}
#endif
