#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation

/// Runs a program in a real pseudo-terminal, as a person at a keyboard would: keys go in, the screen's
/// bytes come out, and the terminal's settings can be compared before and after.
final class PseudoTerminal {
    let master: Int32
    /// Kept open here so the terminal's settings can be read after the program exits.
    let slave: Int32
    let pid: pid_t
    /// The terminal's size, as the program is told it.
    private(set) var columns: UInt16
    private(set) var rows: UInt16
    private(set) var screen: [UInt8] = []
    /// The screen as a person sees it, kept up to date with every byte read.
    private var model: ScreenModel
    private(set) var exitStatus: Int32?
    private(set) var exitSignal: Int32?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(executable: String, arguments: [String], environment: [String: String], columns: UInt16 = 100, rows: UInt16 = 50) throws {
        var m: Int32 = -1, s: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&m, &s, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed: errno \(errno)") }
        // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
        let words = [executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let pairs = environment.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = pairs.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        // The test process's other descriptors (pipes of tests running alongside) must not leak into the
        // program: it would give its sockets other numbers than 3, 4, 5.
        let highest = Int32(min(max(sysconf(Int32(_SC_OPEN_MAX)), 256), 65_536))
        let child = fork()
        if child == 0 {
            _ = setsid()
            _ = ioctl(s, UInt(TIOCSCTTY), 0)
            _ = dup2(s, 0)
            _ = dup2(s, 1)
            _ = dup2(s, 2)
            // A test thread blocks signals; a program started from a shell blocks none.
            var mask = sigset_t()
            sigemptyset(&mask)
            sigprocmask(SIG_SETMASK, &mask, nil)
            var fd: Int32 = 3
            while fd < highest {
                _ = close(fd)
                fd += 1
            }
            execve(executable, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw Failure(description: "fork failed: errno \(errno)") }
        master = m
        slave = s
        pid = child
        self.columns = columns
        self.rows = rows
        model = ScreenModel(columns: Int(columns), rows: Int(rows))
    }

    deinit {
        if exitStatus == nil && exitSignal == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
        close(slave)
    }

    /// The terminal's current settings, as seen through the side the program uses.
    func settings() -> termios {
        var t = termios()
        tcgetattr(slave, &t)
        return t
    }

    /// Types text (keys) into the terminal.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Writes to the screen as another program on the same terminal would (a shell's job message).
    func writeAsShell(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(slave, &bytes, bytes.count)
    }

    /// The screen so far, as text.
    var text: String { String(decoding: screen, as: UTF8.self) }

    /// Reads the screen until `predicate` holds for the text read so far, the program exits, or the
    /// deadline passes. Returns whether the predicate held.
    @discardableResult
    func read(until predicate: (String) -> Bool, timeout: Double = 15) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        for _ in 0..<1_000_000 {
            if predicate(text) { return true }
            if Date() > deadline { return false }
            if !pump(milliseconds: 20) && hasExited { return predicate(text) }
        }
        return predicate(text)
    }

    /// Waits for the program to exit (reading what it still writes). True when it exited in time.
    @discardableResult
    func waitForExit(timeout: Double = 15) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        for _ in 0..<1_000_000 {
            _ = pump(milliseconds: 10)
            if hasExited {
                while pump(milliseconds: 0) {}
                return true
            }
            if Date() > deadline { return false }
        }
        return false
    }

    func interrupt(_ signal: Int32) { kill(pid, signal) }

    /// Changes the terminal's size, as a window being resized does (the program gets SIGWINCH).
    func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        self.columns = columns
        self.rows = rows
        model.resize(columns: Int(columns), rows: Int(rows))
    }

    /// The screen as this terminal's size shows it, from every byte written so far.
    func screenModel() -> ScreenModel { model }

    /// Reads whatever is available within `milliseconds`; false when nothing came.
    private func pump(milliseconds: Int32) -> Bool {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = readBytes(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        screen += buffer[0..<n]
        model.feed(Array(buffer[0..<n]))
        return true
    }

    private var hasExited: Bool {
        if exitStatus != nil || exitSignal != nil { return true }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return false }
        // The wait-status macros do not import: decode by hand.
        if status & 0x7F == 0 { exitStatus = (status >> 8) & 0xFF } else { exitSignal = status & 0x7F }
        return true
    }
}

extension termios {
    /// The settings that matter for "restored exactly": modes and control characters.
    var modes: [UInt32] {
        var values = [UInt32(c_iflag), UInt32(c_oflag), UInt32(c_cflag), UInt32(c_lflag)]
        withUnsafeBytes(of: c_cc) { values += $0.map(UInt32.init) }
        return values
    }
}

#if canImport(Glibc)
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#else
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
#endif
