import Synchronization

/// Where text goes: a terminal, a file, a pipe, or a string in a test. Writers call it one whole
/// line (or block of lines) at a time.
public protocol TextOutput: AnyObject, Sendable {
    func write(_ text: String)
}

/// Collects everything written, for tests and for rendering to a string.
public final class StringOutput: TextOutput {
    private let buffer = Mutex("")

    public init() {}

    public func write(_ text: String) { buffer.withLock { $0 += text } }

    public var text: String { buffer.withLock { $0 } }

    public var lines: [String] {
        let all = text
        var lines = all.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
