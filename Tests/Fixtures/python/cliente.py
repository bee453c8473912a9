# The seed's client with Python's socket module: connect, sendall, recv, print, close.
# Test fixture for `trace server`: python3 cliente.py HOST PORT MESSAGE
import socket
import sys

HOST, PORT = sys.argv[1], int(sys.argv[2])
MESSAGE = sys.argv[3].encode() if len(sys.argv) > 3 else "Hola, servidor".encode()

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.settimeout(20)
    s.connect((HOST, PORT))
    s.sendall(MESSAGE)
    data = s.recv(1024)
print("received %r" % data, flush=True)
