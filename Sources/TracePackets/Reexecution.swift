#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceSockets

extension PrivateNetwork {
    /// The first argument that tells a re-executed program to enter its private network.
    public static let childArgument = "--trace-private-network-child"

    /// A program started by `reexecute`, inside its private network (or refused one).
    public struct ReexecutedChild: Hashable, Sendable {
        public let outcome: Outcome
        /// The program's arguments without the internal one: `[argv0] + arguments` given to `reexecute`.
        public let arguments: [String]
    }

    /// The first statement of a `main` that `reexecute` may start: when the first argument is
    /// `childArgument`, enters a private network (`enter()`) and returns the outcome with the arguments the
    /// parent passed; otherwise nil, having done nothing.
    public static func enterIfReexecuted(arguments: [String] = CommandLine.arguments) -> ReexecutedChild? {
        guard arguments.count >= 2, arguments[1] == childArgument else { return nil }
        let outcome = enter()
        return ReexecutedChild(outcome: outcome, arguments: [arguments[0]] + arguments.dropFirst(2))
    }

    /// Starts this same program again (`/proc/self/exe`) as `argv0 childArgument arguments...`, sharing
    /// standard input, output and error; its `main` must begin with `enterIfReexecuted()`. Works from a
    /// process with any number of threads.
    ///
    /// The corresponding C function is `posix_spawn`.
    public static func reexecute(arguments: [String], environment: [String]? = nil) throws(SpawnError) -> ChildProcess {
        #if os(Linux)
        let argv0 = CommandLine.arguments.first ?? "trace"
        return try ChildProcess.spawn("/proc/self/exe", arguments: [argv0, childArgument] + arguments,
                                      environment: environment)
        #else
        throw SpawnError(errno: .invalidArgument, path: "/proc/self/exe")
        #endif
    }

    /// `posix_spawn` failed.
    public struct SpawnError: Error, Hashable, Sendable, CustomStringConvertible {
        public let errno: Errno
        public let path: String

        public var description: String { "cannot start \(path): posix_spawn: \(errno.name): \(errno.message)" }
    }
}

/// A process this one started, to wait for.
public struct ChildProcess: Hashable, Sendable {
    public let pid: pid_t

    /// How a process ended.
    public enum Status: Hashable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `path` with `arguments` (the first is its argv[0]) and `environment` ("NAME=value"; nil: this
    /// process's own), sharing this process's standard input, output and error.
    ///
    /// The corresponding C function is `posix_spawn`.
    public static func spawn(_ path: String, arguments: [String], environment: [String]? = nil) throws(PrivateNetwork.SpawnError) -> ChildProcess {
        let argv = CStringArray(arguments)
        defer { argv.free() }
        var pid: pid_t = 0
        let rc: Int32
        if let environment {
            let envp = CStringArray(environment)
            defer { envp.free() }
            rc = posix_spawn(&pid, path, nil, nil, argv.pointers, envp.pointers)
        } else {
            rc = posix_spawn(&pid, path, nil, nil, argv.pointers, currentEnvironment)
        }
        guard rc == 0 else { throw PrivateNetwork.SpawnError(errno: Errno(rawValue: rc), path: path) }
        return ChildProcess(pid: pid)
    }

    /// Waits for the process to end (EINTR is retried).
    ///
    /// The corresponding C function is `waitpid`.
    public func wait() -> Result<Status, Errno> {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return .failure(Errno(rawValue: errno)) }
        }
        // The wait status's layout, by hand: WIFEXITED and friends are macros Swift does not import.
        let signal = status & 0x7F
        return .success(signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal))
    }
}

/// A NULL-terminated array of C strings, as `posix_spawn` wants for argv and envp.
private struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { freeCString(pointer) }
    }
}

#if os(Linux)
private var currentEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
private func freeCString(_ p: UnsafeMutablePointer<CChar>?) { Glibc.free(p) }
#else
private var currentEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { _NSGetEnviron()?.pointee }
private func freeCString(_ p: UnsafeMutablePointer<CChar>?) { Darwin.free(p) }
#endif
