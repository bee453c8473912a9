# The seed's server, as a class writes it with Python's socket module: one client, recv until it closes.
# Test fixture for `trace client`: listens on 127.0.0.1 and the port given (0: the kernel chooses),
# prints "listening on HOST:PORT" first, then what it receives.
import socket
import sys

HOST = "127.0.0.1"
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 0
REPLY = sys.argv[2].encode() if len(sys.argv) > 2 else "Mensaje recibido".encode()

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, PORT))
    s.listen()
    print("listening on %s:%d" % s.getsockname(), flush=True)
    s.settimeout(20)
    conn, addr = s.accept()
    with conn:
        conn.settimeout(20)
        while True:
            data = conn.recv(1024)
            if not data:
                break
            print("received %r" % data, flush=True)
            conn.sendall(REPLY)
