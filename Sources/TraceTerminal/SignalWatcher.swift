#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Dispatch
import Synchronization

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call on a dispatch queue, where ordinary code may run
/// (a signal handler may not), so a program can close its sockets and end cleanly.
public final class SignalWatcher: @unchecked Sendable {
    private let signals: [Int32]
    private let sources: [any DispatchSourceSignal]
    private let caught = CaughtSignal()

    /// Starts watching; `handler` gets the signal number, once per delivery.
    public init(_ signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (number, source) in zip(signals, sources) {
            source.setEventHandler { [caught] in
                caught.number.store(number, ordering: .relaxed)
                handler(number)
            }
            source.resume()
        }
    }

    /// The last signal caught, if any.
    public var caughtSignal: Int32? {
        let number = caught.number.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Stops watching and gives the signals back their default action.
    public func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}

private final class CaughtSignal: Sendable {
    let number = Atomic<Int32>(0)
}
