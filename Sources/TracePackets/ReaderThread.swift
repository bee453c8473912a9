#if os(Linux)
import CPacket
import Glibc
import TraceSockets

/// A detached POSIX thread running one closure. Not a Task: its work blocks in `poll`.
enum ReaderThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `run` on a new thread named `name` (at most 15 bytes show), which nobody joins.
    ///
    /// The corresponding C functions are `pthread_create`, `pthread_detach` and `pthread_setname_np`.
    static func start(name: String, _ run: @escaping @Sendable () -> Void) -> Result<Void, Errno> {
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
        _ = pthread_detach(handle)
        return .success(())
    }
}
#endif
