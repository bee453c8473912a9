#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization

/// A terminal switched to read single keys (no line editing, no echo, Ctrl-C arriving as a key),
/// remembering its previous settings so that `restore()` puts back exactly what was there.
/// Output processing stays on, so `\n` still starts a new line.
public final class KeyboardMode: @unchecked Sendable {
    public let fd: Int32
    private let saved: termios
    private let keys: termios
    /// Whether `restore()` ran; held while the settings change, so a resume never follows a restore.
    private let restored = Mutex(false)

    /// Switches `fd`; nil when it is not a terminal.
    ///
    /// The corresponding C functions are `tcgetattr` and `tcsetattr`.
    public init?(fd: Int32 = 0) {
        var original = termios()
        guard isatty(fd) == 1, tcgetattr(fd, &original) == 0 else { return nil }
        self.fd = fd
        saved = original
        var keys = original
        keys.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        keys.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &keys.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSANOW, &keys) == 0 else { return nil }
        self.keys = keys
    }

    /// Switches the terminal to single keys again, unless it was restored: after SIGSTOP and `fg` the
    /// shell has put back its own settings. Not while in the background (that would stop the process).
    ///
    /// The corresponding C function is `tcsetattr`.
    public func resume() {
        restored.withLock { restored in
            guard !restored, Terminal.isForeground(fd) else { return }
            var keys = self.keys
            _ = tcsetattr(fd, TCSANOW, &keys)
        }
    }

    /// Puts the terminal's settings back for a while (the process is about to stop itself, Ctrl-Z);
    /// `resume()` takes the keys again.
    ///
    /// The corresponding C function is `tcsetattr`.
    public func suspend() {
        restored.withLock { restored in
            guard !restored else { return }
            var original = saved
            _ = tcsetattr(fd, TCSANOW, &original)
        }
    }

    /// Puts the terminal back as it was. Safe to call more than once.
    public func restore() {
        restored.withLock { restored in
            guard !restored else { return }
            restored = true
            var original = saved
            _ = tcsetattr(fd, TCSANOW, &original)
        }
    }

    deinit { restore() }
}
