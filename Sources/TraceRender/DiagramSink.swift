import TraceText
import Synchronization
import TraceCore
import TraceModel

/// Draws the diagram live: each event goes through a `DiagramRenderer` and every line it makes ready
/// is written to the output at once.
public final class DiagramSink: EventSink {
    private let state: Mutex<DiagramRenderer>
    private let output: any TextOutput

    public init(renderer: DiagramRenderer, output: any TextOutput) {
        state = Mutex(renderer)
        self.output = output
    }

    public convenience init(style: DiagramStyle, options: DiagramOptions = DiagramOptions(), output: any TextOutput) {
        self.init(renderer: DiagramRenderer(style: style, options: options), output: output)
    }

    public func receive(_ event: TraceEvent) {
        state.withLock { renderer in
            let lines = renderer.consume(event)
            if !lines.isEmpty { output.write(lines.joined(separator: "\n") + "\n") }
        }
    }

    /// Writes whatever was held back and closes the lifelines.
    public func finish() {
        state.withLock { renderer in
            output.write(renderer.finish().joined(separator: "\n") + "\n")
        }
    }
}
