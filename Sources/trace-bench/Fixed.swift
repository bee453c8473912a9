#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A number with a fixed count of decimals (0 to 3), for the tables; "n/a" when it is not finite.
enum Fixed {
    static func text(_ x: Double, _ digits: Int = 2) -> String {
        guard x.isFinite, digits >= 0, digits <= 3 else { return "n/a" }
        let scale = [1.0, 10.0, 100.0, 1000.0][digits]
        let scaled = Int((x * scale).rounded())
        var s = String(abs(scaled))
        if digits > 0 {
            while s.count <= digits { s = "0" + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -digits))
        }
        return scaled < 0 ? "-" + s : s
    }
}

/// Where this executable lives, so that the benchmarks find the `trace` built beside it.
enum ExecutablePath {
    static func directory() -> String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                             : CommandLine.arguments[0]
        #else
        let path = CommandLine.arguments[0]
        #endif
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
