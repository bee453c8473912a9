import TraceCore

/// An output that takes the diagram's lines instead of writing them, and hands each batch of whole
/// lines to `received` (the full screen keeps them and redraws itself).
final class DiagramCapture: TextOutput {
    private let received: @Sendable ([String]) -> Void

    init(received: @escaping @Sendable ([String]) -> Void) { self.received = received }

    func write(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if !lines.isEmpty { received(lines) }
    }
}
