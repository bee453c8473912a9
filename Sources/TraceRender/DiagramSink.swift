import TraceText
import Synchronization
import TraceCore
import TraceModel

/// Draws the diagram live: each event goes through a `DiagramRenderer` and every line it makes ready
/// is written to the output at once. Asked to keep its events (a full screen that follows the
/// terminal's size), it can draw the whole diagram again at another width.
public final class DiagramSink: EventSink {
    private struct State {
        var renderer: DiagramRenderer
        var kept: [TraceEvent]?
        var finished = false
        /// The lines of one event, on their way to the output (its storage kept from one to the next).
        var text = ""
    }

    private let state: Mutex<State>
    private let options: DiagramOptions
    private let output: any TextOutput

    /// `options` are those `renderer` was made with: a redraw starts from them.
    public init(renderer: DiagramRenderer, options: DiagramOptions = DiagramOptions(), output: any TextOutput) {
        state = Mutex(State(renderer: renderer))
        self.options = options
        self.output = output
    }

    public convenience init(style: DiagramStyle, options: DiagramOptions = DiagramOptions(), output: any TextOutput) {
        self.init(renderer: DiagramRenderer(style: style, options: options), options: options, output: output)
    }

    public func receive(_ event: TraceEvent) {
        state.withLock { s in
            s.kept?.append(event)
            s.renderer.consume(event, appendingTo: &s.text)
            if !s.text.isEmpty {
                output.write(s.text)
                s.text.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Whether a row was drawn with a time earlier than a row above it.
    public var leftTimeOrder: Bool { state.withLock { $0.renderer.leftTimeOrder } }

    /// Writes whatever was held back and closes the lifelines.
    public func finish() {
        state.withLock { s in
            s.finished = true
            output.write(Self.text(of: s.renderer.finish()))
        }
    }

    /// Each line followed by a newline, in one string.
    private static func text(of lines: [String]) -> String {
        var count = 0
        for line in lines { count += line.utf8.count + 1 }
        var text = ""
        text.reserveCapacity(count)
        for line in lines {
            text += line
            text += "\n"
        }
        return text
    }

    /// From now on the events are kept, so that `redraw(width:_:)` can draw them again. Call it before
    /// the first event.
    public func keepEvents() {
        state.withLock { s in if s.kept == nil { s.kept = [] } }
    }

    /// Draws every event so far again at `width` and hands the lines to `deliver` (nothing is written
    /// to the output); the lines that follow come at that width too. Does nothing unless the events
    /// are kept. `deliver` runs before any later event is drawn.
    public func redraw(width: Int, _ deliver: ([String]) -> Void) {
        state.withLock { s in
            guard let kept = s.kept else { return }
            let old = s.renderer.style
            let style = DiagramStyle(language: old.language, ascii: old.ascii, color: old.color, width: width)
            var renderer = DiagramRenderer(style: style, options: options)
            var lines: [String] = []
            for event in kept { lines += renderer.consume(event) }
            if s.finished { lines += renderer.finish() }
            s.renderer = renderer
            deliver(lines)
        }
    }
}
