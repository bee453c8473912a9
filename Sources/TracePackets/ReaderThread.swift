#if os(Linux)
import CPacket
import Glibc
import TraceSockets

/// A POSIX thread running one closure, joined once. Not a Task: its work blocks in `poll`.
struct ReaderThread {
    private let handle: pthread_t

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread named `name` (at most 15 bytes show).
    ///
    /// The corresponding C functions are `pthread_create` and `pthread_setname_np`.
    static func start(name: String, _ run: @escaping @Sendable () -> Void) -> Result<ReaderThread, Errno> {
        let body = Body {
            _ = cpacket_name_this_thread(name)
            run()
        }
        let box = Unmanaged.passRetained(body).toOpaque()
        var handle = pthread_t()
        let rc = pthread_create(&handle, nil, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box)
        if rc != 0 {
            Unmanaged<Body>.fromOpaque(box).release()
            return .failure(Errno(rawValue: rc))
        }
        return .success(ReaderThread(handle: handle))
    }

    /// Waits for the thread to end.
    ///
    /// The corresponding C function is `pthread_join`.
    func join() {
        _ = pthread_join(handle, nil)
    }
}
#endif
