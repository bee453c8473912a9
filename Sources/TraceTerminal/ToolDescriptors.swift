#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import CShims

/// The tool's own descriptors (a recording file, the pipes that wake its waits) live above a floor, so
/// that the learner's sockets get the numbers the seed's programs would get: 3, 4, 5.
public enum ToolDescriptors {
    /// The lowest number the tool's own descriptors take.
    public static let floor: Int32 = 100

    /// Moves `fd` to the lowest free number at or above `floor`, close-on-exec, and closes the original.
    /// Keeps `fd` where it is when that fails (a descriptor limit below the floor).
    ///
    /// The corresponding C function is `fcntl(F_DUPFD_CLOEXEC)`.
    public static func moveHigh(_ fd: Int32) -> Int32 {
        guard fd >= 0, fd < floor else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, floor)
        guard moved >= 0 else { return fd }
        _ = closeDescriptor(fd)
        return moved
    }

    /// A pipe for the tool's own use, both ends close-on-exec and above the floor; the write end does
    /// not block (a wake-up that finds the pipe full is one that is already pending). Nil if the system
    /// refuses one.
    ///
    /// The corresponding C function is `pipe2(O_CLOEXEC)` (`pipe` and `fcntl` where there is none).
    public static func pipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        if cshims_pipe2(&ends, O_CLOEXEC) != 0 {
            guard errno == ENOSYS, systemPipe(&ends) == 0 else { return nil }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        return (moveHigh(ends[0]), moveHigh(ends[1]))
    }

    /// The corresponding C function is `close`.
    static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    private static func systemPipe(_ ends: inout [Int32]) -> Int32 {
        #if canImport(Glibc)
        Glibc.pipe(&ends)
        #else
        Darwin.pipe(&ends)
        #endif
    }
}
