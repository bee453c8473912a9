#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceSockets

/// A user namespace with a network namespace of its own, for a user without CAP_NET_RAW: inside it the
/// process has every capability over its own loopback (brought up here), so `LoopbackCapture` works; the
/// programs it then starts run with the user's own uid, no capabilities, and reach only that loopback.
///
/// The kernel allows this only while the process has one thread. What `main` must do:
/// - For a process that captures itself: call `enterUnlessPrivileged()` as the very first statement of a
///   synchronous `main` (before any Dispatch, Task or Thread), when packets are wanted.
/// - For a process that already has threads (or a test): `reexecute(arguments:)` starts this program again
///   with an internal first argument, and the new process's `main` must begin with `enterIfReexecuted()`.
/// On `.refused`, say the refusal's description and exit 1 (never run on without packets); if the refusal
/// says `insideNamespace`, the process's network is already the private one, so it must not go on.
public enum PrivateNetwork {
    /// What entering did.
    public enum Outcome: Hashable, Sendable, CustomStringConvertible {
        /// The process is now in its own user and network namespaces, with every capability there, and `lo` is up.
        case entered
        /// The process can capture already (it has CAP_NET_RAW): nothing was changed.
        case notNeeded
        /// The system would not let the process make a private network, or use it.
        case refused(Refusal)

        public var description: String {
            switch self {
            case .entered: return "entered a private network namespace"
            case .notNeeded: return "no private network needed: the process has CAP_NET_RAW"
            case .refused(let refusal): return refusal.description
            }
        }
    }

    /// Enters a private network unless the process can capture on the host's loopback already.
    /// Call it as the first statement of a synchronous `main`.
    public static func enterUnlessPrivileged() -> Outcome {
        #if os(Linux)
        if PacketSys.canCapture { return .notNeeded }
        #endif
        return enter()
    }

    /// Enters a private network whatever the process's capabilities: `unshare(CLONE_NEWUSER | CLONE_NEWNET)`,
    /// `deny` to `/proc/self/setgroups`, identity lines in `uid_map` and `gid_map`, and `lo` brought up (the
    /// step a security module that confines the namespace refuses first).
    ///
    /// The corresponding C functions are `unshare`, `write` (to /proc/self) and `ioctl(SIOCSIFFLAGS)`.
    public static func enter() -> Outcome {
        #if os(Linux)
        switch NamespaceSetup.run() {
        case .success: return .entered
        case .failure(let refusal): return .refused(refusal)
        }
        #else
        return .refused(Refusal(.linuxOnly, insideNamespace: false))
        #endif
    }
}

extension PrivateNetwork {
    /// Why no private network could be made or used, with what the user can do about it.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public enum Cause: Hashable, Sendable {
            /// `unshare` failed with EINVAL because the process already has more than one thread.
            case otherThreadsRunning(count: Int)
            /// The kernel refuses unprivileged user namespaces (EPERM, ENOSPC when `user.max_user_namespaces`
            /// is 0, ENOSYS without the feature, ...).
            case userNamespacesUnavailable(Errno)
            /// Writing `setgroups`, `uid_map` or `gid_map` failed.
            case identityMapRefused(file: String, Errno)
            /// The namespace was made but a security module denies it every capability, as Ubuntu 24.04's
            /// AppArmor does (`kernel.apparmor_restrict_unprivileged_userns = 1`): `step` failed with EPERM.
            case confinedByAppArmor(step: String, Errno)
            /// The namespace was made but `step` was refused (EPERM) though the process should have had the
            /// capability there: most likely a security module.
            case capabilityDenied(step: String, Errno)
            /// Another failure of `step`.
            case failed(step: String, Errno)
            /// Namespaces are Linux's.
            case linuxOnly
        }

        public let cause: Cause
        /// Whether `unshare` had succeeded: the process is then inside a network namespace it cannot use.
        public let insideNamespace: Bool

        public init(_ cause: Cause, insideNamespace: Bool) {
            self.cause = cause
            self.insideNamespace = insideNamespace
        }

        public var description: String {
            let remedy = "An administrator can allow capture once with `\(PacketCaptureError.setcapRemedy)`"
            switch cause {
            case .otherThreadsRunning(let count):
                return "cannot make a private network: the process already has \(count) threads "
                    + "(unshare(CLONE_NEWUSER) needs one; call it first in main, or re-execute)"
            case .userNamespacesUnavailable(let e):
                return "this system does not let a user make a private network (unshare: \(e.name): \(e.message)\(Self.hint(e))). \(remedy)."
            case .identityMapRefused(let file, let e):
                return "cannot set up the private network: writing \(file) failed with \(e.name) (\(e.message))"
            case .confinedByAppArmor(let step, let e):
                return "AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1): "
                    + "the private network was made but \(step) failed with \(e.name). "
                    + "\(remedy), or an AppArmor profile with `userns,` for trace."
            case .capabilityDenied(let step, let e):
                return "the private network was made but \(step) was refused (\(e.name): \(e.message)), "
                    + "probably by a security module. \(remedy)."
            case .failed(let step, let e):
                return "cannot set up the private network: \(step) failed with \(e.name) (\(e.message))"
            case .linuxOnly:
                return "private network namespaces are available on Linux only"
            }
        }

        /// The usual reason behind an `unshare` error.
        private static func hint(_ e: Errno) -> String {
            switch e.rawValue {
            case ENOSPC: return "; the limit user.max_user_namespaces is 0 or reached"
            case EPERM: return "; kernel.unprivileged_userns_clone = 0, or a security policy"
            case ENOSYS, EINVAL: return "; a kernel without user namespaces"
            default: return ""
            }
        }
    }
}
