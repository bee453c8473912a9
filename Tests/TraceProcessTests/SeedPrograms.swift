#if os(Linux)
/// The tests' own small programs, written into a scratch directory at test time.
enum SeedPrograms {
    /// Listens on HOST (default 127.0.0.1), port 0, prints the port, answers each message with
    /// "ack: " + message until the client closes.
    static let pythonServer = """
    import socket, sys
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, 0))
    listener.listen(1)
    print("port", listener.getsockname()[1], flush=True)
    conn, peer = listener.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        print("got", data.decode(), flush=True)
        conn.sendall(b"ack: " + data)
    conn.close()
    listener.close()
    """

    /// Connects to HOST PORT, sends one message, prints the answer, closes.
    static let pythonClient = """
    import socket, sys
    host, port = sys.argv[1], int(sys.argv[2])
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(b"hello from the client")
    reply = s.recv(1024)
    print("reply", reply.decode(), flush=True)
    s.close()
    """
}
#endif

#if os(Linux)
extension SeedPrograms {
    /// Listens, then two threads connect and exchange a message each while the main thread answers both.
    static let pythonThreads = """
    import socket, threading
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(2)
    port = listener.getsockname()[1]
    def talk(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"thread %d" % n)
        s.recv(64)
        s.close()
    threads = [threading.Thread(target=talk, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for _ in threads:
        conn, _ = listener.accept()
        conn.sendall(b"ok:" + conn.recv(64))
        conn.close()
    for t in threads:
        t.join()
    print("both done", flush=True)
    """

    /// Reads its standard input to the end and prints how many bytes and lines it got.
    static let pythonStdin = """
    import sys
    data = sys.stdin.buffer.read()
    print("read", len(data), "bytes", data.count(b"\\n"), "lines", flush=True)
    """
}
#endif
