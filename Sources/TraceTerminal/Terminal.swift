#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

public enum Terminal {
    /// Whether the descriptor is a terminal.
    ///
    /// The corresponding C function is `isatty`.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns; nil for a pipe, a file, or a terminal that reports 0.
    ///
    /// The corresponding C function is `ioctl(TIOCGWINSZ)`.
    public static func width(of fd: Int32) -> Int? { size(of: fd)?.columns }

    /// The terminal's size; nil for a pipe, a file, or a terminal that reports 0 columns or rows.
    ///
    /// The corresponding C function is `ioctl(TIOCGWINSZ)`.
    public static func size(of fd: Int32) -> TerminalSize? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }

    /// Whether this process is in the terminal's foreground (a background job that changes the
    /// terminal's settings is stopped by SIGTTOU).
    ///
    /// The corresponding C functions are `tcgetpgrp` and `getpgrp`.
    public static func isForeground(_ fd: Int32) -> Bool { tcgetpgrp(fd) == getpgrp() }
}

/// The escape sequences the full screen uses (VT100 and xterm's alternate screen), nothing more.
public enum ScreenControl {
    /// Switches to the alternate screen (the shell's screen and its scrollback stay as they were).
    public static let enterAlternateScreen = "\u{1B}[?1049h"
    /// Back to the normal screen, as it was before.
    public static let leaveAlternateScreen = "\u{1B}[?1049l"
    public static let hideCursor = "\u{1B}[?25l"
    public static let showCursor = "\u{1B}[?25h"
    /// Erases the whole screen.
    public static let clearScreen = "\u{1B}[2J"
    /// Erases from the cursor to the end of its line.
    public static let clearToEndOfLine = "\u{1B}[K"
    /// Every colour and attribute off.
    public static let resetStyle = "\u{1B}[0m"

    /// Moves the cursor to `row` and `column`, counted from 1.
    public static func moveTo(row: Int, column: Int = 1) -> String { "\u{1B}[\(row);\(column)H" }
}
