import Foundation
import Testing
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The full screen in a real terminal emulator, tmux, besides the small screen model of the other tests.
@Suite("trace --step in tmux")
struct TmuxStepTests {
    static let tmux = which("tmux")

    /// A tmux server of this test's own, with one window running a command.
    final class Tmux {
        let socket = "trace-test-\(UUID().uuidString)"

        init(columns: Int, rows: Int, command: String) throws {
            // The server this starts lives on after the test: it gets no pipe of ours, and no signal
            // mask of a test thread (it must hear its children end, and kill-server).
            let arguments = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", String(columns),
                             "-y", String(rows), command]
            try Self.spawnAsFromAShell(TmuxStepTests.tmux!.path, arguments)
        }

        deinit {
            _ = try? run(["kill-server"])
            try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        }

        /// Runs a program with no signal blocked and every signal's default action, its standard
        /// streams on /dev/null, and waits for it.
        static func spawnAsFromAShell(_ path: String, _ arguments: [String]) throws {
            #if os(Linux)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
            let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            guard rc == 0 else { throw SpawnFailure(code: rc) }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            #else
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = Array(arguments.dropFirst())
            try process.run()
            process.waitUntilExit()
            #endif
        }

        struct SpawnFailure: Error { let code: Int32 }

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = TmuxStepTests.tmux
            process.arguments = ["-L", socket, "-f", "/dev/null"] + arguments
            process.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            // Polled, with a deadline, as `Executable.run` does (waitUntilExit can hang in a test thread).
            let deadline = Date(timeIntervalSinceNow: 10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return String(decoding: data, as: UTF8.self)
        }

        /// The visible pane, one string per row.
        func pane() -> [String] {
            ((try? run(["capture-pane", "-p"])) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        /// Polls the pane until `predicate` holds, at most `timeout` seconds.
        func wait(timeout: Double = 30, _ predicate: ([String]) -> Bool) -> Bool {
            let deadline = Date(timeIntervalSinceNow: timeout)
            for _ in 0..<10_000 {
                if predicate(pane()) { return true }
                if Date() > deadline { return false }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }

        func keys(_ keys: String...) { _ = try? run(["send-keys"] + keys) }
    }

    @Test("at 80×24: the card and the prompt, then the lifeline header above step 1; q leaves the shell's screen with the diagram",
          .enabled(if: tmux != nil, "SKIPPED: tmux is not installed (apt-get install tmux)"))
    func eightyByTwentyFour() throws {
        // The shell stays after trace, so that tmux reads all it wrote (a pane that dies at once can
        // lose its last output); kill-server ends it.
        let command = "env LANG=C \(Executable.traceURL.path) --step --lang en; echo \"exit $?\"; exec sleep 120"
        let tmux = try Tmux(columns: 80, rows: 24, command: command)
        #expect(tmux.wait { $0.contains { $0.contains("Before step 1 · Server") } && $0.contains { $0.hasPrefix("▶ Enter: run it") } })
        for _ in 0..<3 {
            tmux.keys("Enter")
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(tmux.wait { pane in
            pane.contains { $0.contains("Step 2 of 9 · Server · accept()") } && pane.first?.contains("Client") == true
                && pane.first?.contains("Server") == true && pane.contains { $0.hasPrefix("  1 │ connect(") }
        }, "\(tmux.pane().joined(separator: "\n"))")
        #expect(tmux.pane().allSatisfy { $0.count <= 80 })
        tmux.keys("q")
        #expect(tmux.wait { $0.contains { $0 == "exit 0" } }, "\(tmux.pane().joined(separator: "\n"))")
        let pane = tmux.pane()
        #expect(pane.contains { $0.contains("Stopped: every socket is closed.") })
        #expect(pane.contains { $0.hasPrefix("  1 │ connect(") })
        #expect(!pane.contains { $0.contains("Enter: run it") })
    }

    @Test("in an interactive shell: Ctrl-Z and fg, then kill -STOP and fg: the keys work one by one again, the screen comes back",
          .enabled(if: tmux != nil && which("bash") != nil, "SKIPPED: tmux or bash is not installed (apt-get install tmux bash)"))
    func jobControl() throws {
        let tmux = try Tmux(columns: 80, rows: 24, command: "env -i PATH=/usr/bin:/bin LANG=C TERM=screen PS1='$ ' bash --norc --noprofile -i")
        #expect(tmux.wait { $0.contains { $0.hasPrefix("$") } })
        tmux.keys("\(Executable.traceURL.path) --step --lang en", "Enter")
        let card = { (title: String) in tmux.wait { pane in
            pane.contains { $0.contains(title) } && pane.contains { $0.hasPrefix("▶ Enter: run it") }
        } }
        #expect(card("Before step 1 · Server"))
        tmux.keys("C-z")
        #expect(tmux.wait { $0.contains { $0.contains("Stopped") } }, "\(tmux.pane().joined(separator: "\n"))")
        tmux.keys("fg", "Enter")
        #expect(card("Before step 1 · Server"), "the screen is drawn again after fg")
        // One key, no Enter: keyboard mode is back (a terminal in line mode would wait for Enter).
        tmux.keys("n")
        #expect(card("Before step 1 · Client"))

        // Stopped from outside, as the issue tells: SIGSTOP, then the shell's fg sends SIGCONT.
        let shell = try #require(Int32(tmux.run(["display-message", "-p", "#{pane_pid}"]).filter(\.isNumber)))
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let trace = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(trace, SIGSTOP)
        #expect(tmux.wait { $0.contains { $0.contains("Stopped") } })
        tmux.keys("fg", "Enter")
        #expect(card("Before step 1 · Client"), "\(tmux.pane().joined(separator: "\n"))")
        tmux.keys("n")
        #expect(card("Step 1 of 9 · Client · connect()"))
        tmux.keys("q")
        #expect(tmux.wait { $0.contains { $0.contains("Stopped: every socket is closed.") } })
    }
}
