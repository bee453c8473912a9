#if os(Linux)
@preconcurrency import Glibc
import Synchronization
import Testing
import TraceSockets

/// A handler that does nothing: its only effect is to interrupt a blocked system call (EINTR).
private func ignoreSignal(_ signal: Int32) {}

@Suite("Calls interrupted by a signal are retried", .serialized)
struct InterruptedCallTests {
    @Test("a blocked recv interrupted by a signal (no SA_RESTART) goes on and returns the data",
          arguments: [nil, Duration.seconds(10)])
    func receiveRetriedAfterEINTR(timeout: Duration?) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = ignoreSignal
        action.sa_flags = 0  // no SA_RESTART: the kernel returns EINTR from the blocked recv
        var previous = sigaction()
        #expect(sigaction(SIGUSR2, &action, &previous) == 0)
        defer { sigaction(SIGUSR2, &previous, nil) }

        let (client, server, listener) = try makePair()
        let receiverThread = Mutex<pthread_t?>(nil)
        let receiver = Background { () -> [UInt8] in
            // Threads may start with signals blocked; this one must receive SIGUSR2.
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            receiverThread.withLock { $0 = pthread_self() }
            if let timeout { _ = try server.waitUntilReadable(timeout: timeout) }
            return try server.receive(upTo: 64)
        }
        #expect(eventually { receiverThread.withLock { $0 } != nil })
        let thread = receiverThread.withLock { $0 }!
        // Signals spread over ~40 ms, so that some land while the receiver is blocked in the kernel
        // (in recv, or in poll when there is a timeout). Without the retry, the call fails with EINTR.
        for _ in 0..<20 {
            pthread_kill(thread, SIGUSR2)
            _ = poll(nil, 0, 2)
        }
        try client.sendAll("after the signal")
        #expect(String(decoding: try receiver.value(), as: UTF8.self) == "after the signal")
        for s in [client, server, listener] { try s.close() }
    }
}
#endif
