#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The process's environment variables, read from libc's `environ` (no Foundation).
public enum ProcessEnvironment {
    /// Every `NAME=value` entry as a dictionary; for a repeated name the first entry wins, as `getenv` does.
    public static func current() -> [String: String] {
        var variables: [String: String] = [:]
        #if os(Linux)
        guard var cursor = Optional(environ) else { return variables }
        #else
        guard var cursor = _NSGetEnviron()?.pointee else { return variables }
        #endif
        while let entry = cursor.pointee {
            let text = String(decoding: UnsafeRawBufferPointer(start: entry, count: strlen(entry)), as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
            }
            cursor += 1
        }
        return variables
    }
}
