#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// What the learner pressed.
public enum Key: Equatable, Sendable {
    case enter, space, right, left, up, down, home, end, pageUp, pageDown, backspace, escape
    case character(Character)
    /// Ctrl-C (arrives as a key while the terminal is in keyboard mode).
    case interrupt
    /// Ctrl-D.
    case endOfTransmission
    /// Ctrl-Z (a key while the terminal is in keyboard mode: the program suspends itself).
    case suspend
    /// A line read from a non-terminal input (its text, without the newline).
    case line(String)
}

/// Reads keys from a terminal, or lines from a pipe or file, and can be woken from another thread
/// (a signal, the run ending) without waiting for input.
public final class KeyInput: @unchecked Sendable {
    public let fd: Int32
    /// True when reading single keys from a terminal; false when reading lines.
    public let readsKeys: Bool
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var pending: [UInt8] = []

    public init(fd: Int32 = 0, readsKeys: Bool) {
        self.fd = fd
        self.readsKeys = readsKeys
        // Above the floor, so that the learner's sockets keep 3, 4, 5.
        let ends = ToolDescriptors.pipe()
        wakeRead = ends?.read ?? -1
        wakeWrite = ends?.write ?? -1
    }

    deinit {
        _ = libcClose(wakeRead)
        _ = libcClose(wakeWrite)
    }

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// The input ended (a pipe closed, a file read to its end).
        case endOfInput
        /// `wake()` was called.
        case woken
    }

    /// Makes a waiting (or the next) `next()` return `.woken`. Safe from any thread.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Waits for the next key (or line), the end of input, or a wake-up.
    public func next() -> Event {
        next(timeoutMilliseconds: -1) ?? .endOfInput
    }

    /// Like `next()`, but gives up after `timeoutMilliseconds` (nil: nothing came in time). With
    /// `watchingInput` false, only a wake-up ends the wait: the input is left for later.
    public func next(timeoutMilliseconds: Int32, watchingInput: Bool = true) -> Event? {
        for _ in 0..<1_000_000 {
            if watchingInput, let event = takePending() { return event }
            var fds = [pollfd(fd: watchingInput ? fd : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeoutMilliseconds)
            if ready == 0 { return nil }
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if fds[1].revents != 0 {
                var byte: UInt8 = 0
                _ = read(wakeRead, &byte, 1)
                return .woken
            }
            if fds[0].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 256)
                let n = read(fd, &buffer, buffer.count)
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 { return pending.isEmpty ? .endOfInput : (takeRemainingLine() ?? .endOfInput) }
                pending += buffer[0..<n]
            }
        }
        return .endOfInput
    }

    private func takePending() -> Event? {
        guard !pending.isEmpty else { return nil }
        if !readsKeys {
            guard let newline = pending.firstIndex(of: 0x0A) else {
                if pending.count > 4096 { return takeRemainingLine() }
                return nil
            }
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            return .key(.line(String(decoding: line, as: UTF8.self)))
        }
        let (key, used) = KeyInput.decode(pending)
        guard used > 0 else { return nil }
        pending.removeFirst(used)
        return .key(key)
    }

    private func takeRemainingLine() -> Event? {
        guard !pending.isEmpty else { return nil }
        let line = String(decoding: pending, as: UTF8.self)
        pending.removeAll()
        return .key(.line(line))
    }

    /// Decodes the first key in `bytes`: the key and how many bytes it used (0: wait for more).
    static func decode(_ bytes: [UInt8]) -> (Key, Int) {
        let first = bytes[0]
        switch first {
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x20: return (.space, 1)
        case 0x03: return (.interrupt, 1)
        case 0x04: return (.endOfTransmission, 1)
        case 0x1A: return (.suspend, 1)
        case 0x08, 0x7F: return (.backspace, 1)
        case 0x1B:
            if bytes.count >= 3 && (bytes[1] == UInt8(ascii: "[") || bytes[1] == UInt8(ascii: "O")) {
                switch bytes[2] {
                case UInt8(ascii: "A"): return (.up, 3)
                case UInt8(ascii: "B"): return (.down, 3)
                case UInt8(ascii: "C"): return (.right, 3)
                case UInt8(ascii: "D"): return (.left, 3)
                case UInt8(ascii: "H"): return (.home, 3)
                case UInt8(ascii: "F"): return (.end, 3)
                default:
                    // Another sequence: up to its final byte; `ESC [ n ~` names keys by number.
                    guard let end = bytes[2...].firstIndex(where: { (0x40...0x7E).contains($0) }) else {
                        return bytes.count > 8 ? (.escape, bytes.count) : (.escape, 0)
                    }
                    let number = String(decoding: bytes[2..<end], as: UTF8.self)
                    if bytes[end] == UInt8(ascii: "~") {
                        switch number {
                        case "1", "7": return (.home, end + 1)
                        case "4", "8": return (.end, end + 1)
                        case "5": return (.pageUp, end + 1)
                        case "6": return (.pageDown, end + 1)
                        default: break
                        }
                    }
                    return (.escape, end + 1)
                }
            }
            return (.escape, 1)
        default:
            let length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
            guard bytes.count >= length else { return (.escape, 0) }
            let text = String(decoding: bytes[0..<length], as: UTF8.self)
            return (.character(text.first ?? "?"), length)
        }
    }
}

#if canImport(Glibc)
private func libcClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func libcClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif
