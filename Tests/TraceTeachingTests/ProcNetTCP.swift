import Foundation

#if os(Linux)
/// The kernel's table of TCP sockets (`/proc/net/tcp`, `/proc/net/tcp6`): what `ss -tan` shows,
/// including connections no descriptor refers to any more (TIME_WAIT).
struct ProcNetTCP {
    struct Entry {
        let localPort: UInt16
        let remotePort: UInt16
        /// The kernel's state number: 1 ESTABLISHED ... 6 TIME_WAIT.
        let state: Int
        /// The timer: kind (3 is the TIME_WAIT timer) and time left in clock ticks (USER_HZ).
        let timerKind: Int
        let timerTicks: Int
    }

    static func entries(ipv6: Bool) throws -> [Entry] {
        // /proc files report a size of 0: read to the end rather than by size.
        let path = ipv6 ? "/proc/net/tcp6" : "/proc/net/tcp"
        guard let file = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? file.close() }
        let text = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 5 else { return nil }
            func port(_ endpoint: Substring) -> UInt16? { endpoint.split(separator: ":").last.flatMap { UInt16($0, radix: 16) } }
            let timer = fields[5].split(separator: ":")
            guard let local = port(fields[1]), let remote = port(fields[2]), let state = Int(fields[3], radix: 16),
                  timer.count == 2, let kind = Int(timer[0], radix: 16), let ticks = Int(timer[1], radix: 16) else { return nil }
            return Entry(localPort: local, remotePort: remote, state: state, timerKind: kind, timerTicks: ticks)
        }
    }

    static let timeWait = 6
    static let timeWaitTimer = 3
}
#endif
