#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A plain POSIX thread for the terminal's watchers (signals), so that no Dispatch queue or
/// Foundation thread opens descriptors of its own.
final class WatcherThread: @unchecked Sendable {
    #if canImport(Glibc)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t?
    #endif
    private var joined = false

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a thread of its own; nil when the system refuses one.
    ///
    /// The corresponding C function is `pthread_create`.
    init?(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        let rc = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        #else
        let rc = pthread_create(&thread, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        #endif
        if rc != 0 {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
    }

    /// Whether the caller is this thread.
    var isCurrent: Bool {
        #if canImport(Glibc)
        pthread_equal(pthread_self(), thread) != 0
        #else
        thread.map { pthread_equal(pthread_self(), $0) != 0 } ?? false
        #endif
    }

    /// Waits for the thread's body to return. Once only; never from the thread itself.
    ///
    /// The corresponding C function is `pthread_join`.
    func join() {
        guard !joined, !isCurrent else { return }
        joined = true
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
    }
}
