/// Writes each event as one line of JSON (the public JSON Lines format, version 1).
public final class JSONLinesWriter: EventSink {
    private let output: any TextOutput

    public init(output: any TextOutput) { self.output = output }

    public func receive(_ event: TraceEvent) { output.write(JSONLinesWriter.line(for: event)) }

    /// One event as its JSON line, newline included.
    public static func line(for event: TraceEvent) -> String {
        var text = ""
        event.json.write(to: &text)
        text += "\n"
        return text
    }
}
