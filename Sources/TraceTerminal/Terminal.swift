#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

public enum Terminal {
    /// Whether the descriptor is a terminal.
    ///
    /// The corresponding C function is `isatty`.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns; nil for a pipe, a file, or a terminal that reports 0.
    ///
    /// The corresponding C function is `ioctl(TIOCGWINSZ)`.
    public static func width(of fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
