#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceSockets

/// Finds the file a shell would run for a command name: a name with a slash as it is, otherwise the first
/// executable regular file of that name in the PATH's directories.
enum CommandLookup {
    static func resolve(_ name: String, path: String?) -> Result<String, ProcessTraceError> {
        guard !name.isEmpty else { return .failure(.emptyCommand) }
        if name.contains("/") {
            switch check(name) {
            case .executable: return .success(name)
            case .missing: return .failure(.commandNotFound(name))
            case .notExecutable(let error): return .failure(.notExecutable(name, error))
            }
        }
        var refused: (String, Errno)?
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        for directory in directories {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            switch check(candidate) {
            case .executable: return .success(candidate)
            case .missing: continue
            case .notExecutable(let error): if refused == nil { refused = (candidate, error) }
            }
        }
        if let (candidate, error) = refused { return .failure(.notExecutable(candidate, error)) }
        return .failure(.commandNotFound(name))
    }

    private enum Check { case executable, missing, notExecutable(Errno) }

    /// The corresponding C functions are `stat` and `access(X_OK)`.
    private static func check(_ path: String) -> Check {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .notExecutable(Errno(rawValue: EISDIR)) }
        if (info.st_mode & S_IFMT) != S_IFREG { return .notExecutable(Errno(rawValue: EACCES)) }
        return access(path, X_OK) == 0 ? .executable : .notExecutable(Errno(rawValue: errno))
    }

    /// `PATH` from `NAME=value` entries.
    static func pathVariable(in environment: [String]) -> String? {
        environment.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) }
    }
}
