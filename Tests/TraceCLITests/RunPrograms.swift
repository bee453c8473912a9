import Foundation
import Testing
import TraceCore

/// The small programs the `trace run` tests trace, written into a fresh directory at test time.
enum RunPrograms {
    /// The interpreter itself (not a version manager's shim): what `trace run` is given.
    static let python: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3"
        : which("python3")?.path
    static let gcc: String? = which("gcc")?.path
    static let go: String? = which("go")?.path

    /// The seed's server: listens on HOST (default 127.0.0.1), port PORT (0: the kernel picks), takes one
    /// client, prints and answers each message until the client closes.
    static let server = """
    import socket, sys
    port = int(sys.argv[1])
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(1)
    conn, peer = listener.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        print("server got", data.decode())
        conn.sendall(b"ok, " + data)
    conn.close()
    listener.close()
    """

    /// The seed's client: connects to HOST PORT, sends, prints the answer, closes.
    static let client = """
    import socket, sys
    host, port = sys.argv[1], int(sys.argv[2])
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(b"hi there")
    answer = s.recv(1024)
    print("client got", answer.decode())
    s.close()
    """

    /// A server that forks a child for its client: the child answers, the parent waits for it.
    static let forkingServer = """
    import os, socket, sys
    listener = socket.socket()
    listener.bind(("127.0.0.1", int(sys.argv[1])))
    listener.listen(1)
    conn, peer = listener.accept()
    child = os.fork()
    if child == 0:
        listener.close()
        conn.sendall(b"from the child " + conn.recv(64))
        conn.close()
        os._exit(0)
    conn.close()
    os.waitpid(child, 0)
    listener.close()
    """

    /// One process: a listener, and a thread that connects to it and talks while the main thread answers.
    static let threads = """
    import socket, threading
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    def talk():
        s = socket.create_connection(listener.getsockname())
        s.sendall(b"from a thread")
        s.recv(64)
        s.close()
    t = threading.Thread(target=talk)
    t.start()
    conn, _ = listener.accept()
    conn.sendall(b"ok " + conn.recv(64))
    conn.close()
    t.join()
    """

    /// Opens a socket, then dies of SIGSEGV.
    static let crash = """
    import os, signal, socket
    s = socket.socket()
    os.kill(os.getpid(), signal.SIGSEGV)
    """

    /// Reads its standard input and prints how many bytes came.
    static let stdin = """
    import sys
    print("read", len(sys.stdin.buffer.read()), "bytes")
    """

    /// The seed's pair in C: blocking calls, read() and write() on the sockets.
    static let cServer = #"""
    #include <arpa/inet.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <sys/socket.h>
    #include <unistd.h>
    int main(int argc, char **argv) {
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0) return 10;
        if (listen(listener, 5) != 0) return 11;
        int conn = accept(listener, NULL, NULL);
        char buffer[1024];
        ssize_t got;
        while ((got = read(conn, buffer, sizeof buffer)) > 0) {
            printf("server got %.*s\n", (int)got, buffer);
            fflush(stdout);
            write(conn, "ok", 2);
        }
        close(conn);
        close(listener);
        return 0;
    }
    """#

    static let cClient = #"""
    #include <arpa/inet.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <sys/socket.h>
    #include <unistd.h>
    int main(int argc, char **argv) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(s, (struct sockaddr *)&address, sizeof address) != 0) return 20;
        write(s, "hello in C", 10);
        char buffer[64];
        ssize_t got = read(s, buffer, sizeof buffer);
        printf("client got %.*s\n", (int)got, buffer);
        fflush(stdout);
        close(s);
        return 0;
    }
    """#

    /// A Go client: resolves the address, DialTCP (a non-blocking connect), a message out, one reply in,
    /// printed before Close.
    static let goClient = """
    package main

    import (
        "bufio"
        "fmt"
        "net"
        "os"
    )

    func main() {
        address, _ := net.ResolveTCPAddr("tcp4", "127.0.0.1:"+os.Args[1])
        conn, err := net.DialTCP("tcp4", nil, address)
        if err != nil {
            fmt.Fprintln(os.Stderr, err)
            os.Exit(2)
        }
        fmt.Fprintf(conn, "hello from go")
        buffer := make([]byte, 64)
        n, _ := bufio.NewReader(conn).Read(buffer)
        fmt.Println("client got", string(buffer[:n]))
        conn.Close()
    }
    """
}

/// A fresh directory for one test's programs, removed at the end.
final class RunScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("trace-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes a file; returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Builds `source` with `tool` (`gcc -O1`, `go build`) into the program `name`; nil when the build failed.
    func build(_ name: String, _ tool: [String], source: String, environment: [String: String] = [:]) -> String? {
        let output = url.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool[0])
        process.arguments = Array(tool.dropFirst()) + ["-o", output, source]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? output : nil
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum RunOutput {
    /// The step numbers of the diagram's rows, top to bottom.
    static func stepNumbers(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            let head = line.prefix(5)
            guard head.count == 5, head.last == "│" || head.last == "|" else { return nil }
            return Int(head.dropLast().trimmingCharacters(in: .whitespaces))
        }
    }

    /// The rows that carry a step number, by number.
    static func numberedRows(_ output: String) -> [Int: String] {
        var rows: [Int: String] = [:]
        for line in output.split(separator: "\n") {
            let head = line.prefix(5)
            if head.count == 5, head.last == "│" || head.last == "|",
               let n = Int(head.dropLast().trimmingCharacters(in: .whitespaces)) { rows[n] = String(line) }
        }
        return rows
    }

    /// The diagram itself: from the lifelines' titles to its last row.
    static func diagram(_ output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(" Client") || $0.hasPrefix(" Cliente") }) else { return [] }
        let rest = lines[start...]
        let end = rest.firstIndex(where: \.isEmpty) ?? rest.endIndex
        return Array(lines[start..<end])
    }

    /// Whether a process is still alive (a zombie counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
