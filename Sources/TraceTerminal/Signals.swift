#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

public enum Signals {
    /// A write to a closed pipe then fails with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}

import Dispatch

/// Turns SIGINT, SIGTERM and SIGHUP into a callback on a queue, so the program can stop cleanly
/// (close its sockets, restore the terminal) instead of dying mid-step.
public final class SignalWatcher: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let numbers: [Int32]

    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], handler: @escaping @Sendable (Int32) -> Void) {
        numbers = signals
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and gives the signals their default behaviour back.
    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in numbers { signal(number, SIG_DFL) }
    }

    public static let interrupt = SIGINT
    public static let terminate = SIGTERM
}
