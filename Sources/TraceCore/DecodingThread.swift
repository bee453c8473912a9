/// Reads and decodes a recording on a thread of its own while the caller draws what was already
/// decoded: the two halves of a replay on two CPUs. The caller gets the chunks' events in order, then
/// the end or the first error, exactly as one thread would have given them; at most `depth` chunks'
/// events wait, so memory stays bounded however long the recording.
final class DecodingThread: @unchecked Sendable {
    enum Item {
        case events([TraceEvent])
        case failure(JSONLinesError)
        case end
    }

    private static let depth = 4
    private static let chunkSize = 1 << 16

    private let condition = ThreadCondition()
    private var items: [Item] = []
    private var file: ReadableFile?
    private let source: String

    private init(file: ReadableFile, source: String) {
        self.file = file
        self.source = source
    }

    /// Starts decoding `file` at once.
    static func start(_ file: ReadableFile, source: String) -> DecodingThread {
        let thread = DecodingThread(file: file, source: source)
        DetachedThread.start(name: "trace-decode") { thread.run() }
        return thread
    }

    /// The next item, waiting for it.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        condition.broadcast()
        return items.removeFirst()
    }

    private func run() {
        let last = decode()
        put(last)
    }

    /// Every chunk's events handed over; the end or the error that stopped it, once the file is closed.
    private func decode() -> Item {
        condition.lock()
        let file = self.file!
        self.file = nil
        condition.unlock()
        var reader = JSONLinesReader(source: source)
        while true {
            let chunk: [UInt8]
            do { chunk = try file.read(upTo: Self.chunkSize) } catch {
                return .failure(JSONLinesError(source: source, line: nil, reason: "cannot be read (\(error.systemMessage))"))
            }
            guard !chunk.isEmpty else { break }
            do throws(JSONLinesError) { try reader.consume(chunk) } catch { return .failure(error) }
            let ready = reader.takeEvents()
            if !ready.isEmpty { put(.events(ready)) }
        }
        do throws(JSONLinesError) {
            let last = try reader.finish()
            if !last.isEmpty { put(.events(last)) }
            return .end
        } catch {
            return .failure(error)
        }
    }

    private func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= Self.depth { condition.wait() }
        items.append(item)
        condition.broadcast()
    }
}
