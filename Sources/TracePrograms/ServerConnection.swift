import TraceCore
import TraceSockets
import SocketTracing

/// One client of `trace server`, on its own thread: `servidor.py`'s loop (recv, print, reply, until the
/// client closes), or a polite refusal when the server is full. Never throws: every ending is an outcome.
struct ServerConnection {
    /// Messages one connection may exchange; a bound on the loop, far beyond any lesson.
    static let maximumExchanges = 10_000_000
    /// How long a refused client has to close after being told, and how much of it is read meanwhile.
    static let refusalGrace: Duration = .seconds(1)
    static let refusalReads = 16

    let socket: Socket
    let lane: TraceLane
    let options: ServerOptions

    func serve(isStopping: () -> Bool) -> ConnectionOutcome {
        let reply = Array(options.reply.utf8)
        for exchange in 0..<ServerConnection.maximumExchanges {
            // The seed's steps belong to the first exchange; later messages repeat it untagged. The recv
            // that returns 0 bytes is step 9, whichever exchange it ends.
            let first = exchange == 0
            let data: [UInt8]
            do {
                if let idle = options.idleTimeout, try !socket.waitUntilReadable(timeout: idle) {
                    return closeIdle(after: idle)
                }
                data = try lane.step(first ? 4 : 0, endOfStream: 9) { () throws(SocketError) in
                    try socket.receive(upTo: options.receiveSize)
                }
            } catch {
                if isStopping() { return .interrupted }
                lane.mark(.note, text: NetworkText.connectionFailed(error, othersGoOn: options.forever, options.language), fd: socket.fd)
                return .failed(error)
            }
            if data.isEmpty {
                // The tool's own stop shuts the reading side, which also reads as an end of stream.
                if socket.lastCallWasWokenByStop { return .interrupted }
                lane.step(9) { lane.mark(.peerClosed, fd: socket.fd) }
                return .served
            }
            lane.step(first ? 4 : 0) { lane.mark(.print, payload: data, fd: socket.fd) }
            do {
                _ = try lane.step(first ? 5 : 0) { () throws(SocketError) in try socket.sendAll(reply) }
            } catch {
                if isStopping() { return .interrupted }
                lane.mark(.note, text: NetworkText.connectionFailed(error, othersGoOn: options.forever, options.language), fd: socket.fd)
                return .failed(error)
            }
        }
        return .served
    }

    /// Tells the client the server is full. Gracefully, it then gives the client a moment to close
    /// first, so that what it was told is not lost to a reset (closing with unread data sends RST).
    func refuse(limit: Int, graceful: Bool) -> ConnectionOutcome {
        lane.mark(.note, text: NetworkText.busyNote(limit: limit, options.language), fd: socket.fd)
        guard (try? socket.sendAll(NetworkText.busy(limit: limit, options.language))) != nil, graceful,
              (try? socket.shutdown(.write)) != nil else { return .refused }
        for _ in 0..<ServerConnection.refusalReads {
            guard (try? socket.waitUntilReadable(timeout: ServerConnection.refusalGrace)) == true,
                  let chunk = try? socket.receive(upTo: options.receiveSize), !chunk.isEmpty else { break }
        }
        return .refused
    }

    private func closeIdle(after timeout: Duration) -> ConnectionOutcome {
        let message = NetworkText.idle(seconds: timeout.secondsText, options.language)
        lane.mark(.note, text: NetworkText.idleNote(seconds: timeout.secondsText, options.language), fd: socket.fd)
        _ = try? socket.sendAll(message)
        return .idle
    }
}
