#if os(Linux)
import Glibc
import TraceSockets

/// The steps of `PrivateNetwork.enter()`, each failure turned into the refusal that explains it.
enum NamespaceSetup {
    static func run() -> Result<Void, PrivateNetwork.Refusal> {
        let uid = getuid(), gid = getgid()
        if case .failure(let e) = PacketSys.unshareUserAndNetwork() {
            return .failure(PrivateNetwork.Refusal(unshareCause(e), insideNamespace: false))
        }
        func refused(_ cause: PrivateNetwork.Refusal.Cause) -> Result<Void, PrivateNetwork.Refusal> {
            .failure(PrivateNetwork.Refusal(cause, insideNamespace: true))
        }
        // Kernels before 3.19 have no setgroups file, and need no `deny` to map the group.
        switch ProcFile.write("deny\n", to: "/proc/self/setgroups") {
        case .failure(let e) where e.rawValue != ENOENT: return refused(.identityMapRefused(file: "/proc/self/setgroups", e))
        default: break
        }
        for (file, id) in [("/proc/self/uid_map", uid), ("/proc/self/gid_map", gid)] {
            if case .failure(let e) = ProcFile.write("\(id) \(id) 1\n", to: file) {
                return refused(.identityMapRefused(file: file, e))
            }
        }
        let control: Int32
        switch PacketSys.controlSocket() {
        case .success(let fd): control = fd
        case .failure(let e): return refused(deniedCause("socket(AF_INET)", e))
        }
        defer { PacketSys.close(control) }
        // A fresh namespace's lo is down, so this ioctl always runs: where a security module confines the
        // namespace (Ubuntu 24.04), it is the first call to be refused. No trial packet socket is opened:
        // closing one costs a synchronize_net (milliseconds).
        if case .failure(let e) = PacketSys.setInterfaceUp("lo", controlFD: control) {
            return refused(deniedCause("bringing lo up (ioctl SIOCSIFFLAGS)", e))
        }
        return .success(())
    }

    private static func unshareCause(_ e: Errno) -> PrivateNetwork.Refusal.Cause {
        if e == .invalidArgument, let threads = threadCount(), threads > 1 {
            return .otherThreadsRunning(count: threads)
        }
        return .userNamespacesUnavailable(e)
    }

    /// EPERM inside a namespace we own means a security module; AppArmor says so in a sysctl.
    private static func deniedCause(_ step: String, _ e: Errno) -> PrivateNetwork.Refusal.Cause {
        guard e == .notPermitted || e == .permissionDenied else { return .failed(step: step, e) }
        if case .success(let text) = ProcFile.read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"),
           text.hasPrefix("1") {
            return .confinedByAppArmor(step: step, e)
        }
        return .capabilityDenied(step: step, e)
    }

    /// The `Threads:` line of /proc/self/status.
    static func threadCount() -> Int? {
        guard case .success(let status) = ProcFile.read("/proc/self/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Threads:") {
            return Int(line.dropFirst("Threads:".count).trimmingPrefix(while: { $0 == " " || $0 == "\t" }))
        }
        return nil
    }
}

/// Small files under /proc, read and written in one call each.
enum ProcFile {
    /// The corresponding C functions are `open`, `write` and `close`.
    static func write(_ text: String, to path: String) -> Result<Void, Errno> {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd == -1 { return .failure(Errno(rawValue: errno)) }
        defer { _ = close(fd) }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n == -1 { return .failure(Errno(rawValue: errno)) }
        return n == bytes.count ? .success(()) : .failure(.invalidArgument)
    }

    /// The corresponding C functions are `open`, `read` and `close`.
    static func read(_ path: String) -> Result<String, Errno> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd == -1 { return .failure(Errno(rawValue: errno)) }
        defer { _ = close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n == -1 { return .failure(Errno(rawValue: errno)) }
        return .success(String(decoding: bytes[0..<n], as: UTF8.self))
    }
}
#endif
