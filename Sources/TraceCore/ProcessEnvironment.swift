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
            // Split at the first "=" on the bytes: a long value (PATH, LS_COLORS) is not walked character by character.
            let bytes = UnsafeRawBufferPointer(start: entry, count: strlen(entry))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: bytes[..<equals], as: UTF8.self)
                if variables[name] == nil { variables[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self) }
            }
            cursor += 1
        }
        return variables
    }
}
