// Generated from Lessons/ (the glossary and lesson 1) and the seed's calls by
// `TRACE_UPDATE_EMBEDDED=1 swift test --filter Embedded`: do not edit. A test fails when this copy differs.
enum EmbeddedSeedLegend {
    static let es: [(step: Int, names: [String])] = [
        (1, ["connect()", "dirección IP", "puerto", "saludo de tres vías", "SYN", "ACK", "puerto efímero", "ESTABLISHED"]),
        (2, ["accept()", "socket", "descriptor de fichero", "backlog"]),
        (3, ["send() / sendall()", "bytes y codificación", "búfer", "segmento", "flujo de bytes"]),
        (4, ["recv()", "búfer", "flujo de bytes", "EOF", "bytes y codificación"]),
        (5, ["send() / sendall()", "búfer", "segmento", "flujo de bytes"]),
        (6, ["recv()", "búfer", "flujo de bytes", "EOF"]),
        (7, ["bytes y codificación"]),
        (8, ["close()", "FIN", "FIN_WAIT1 / FIN_WAIT2", "TIME_WAIT"]),
        (9, ["recv()", "EOF", "CLOSE_WAIT", "búfer", "flujo de bytes"]),
    ]
    static let en: [(step: Int, names: [String])] = [
        (1, ["connect()", "IP address", "port", "three-way handshake", "SYN", "ACK", "ephemeral port", "ESTABLISHED"]),
        (2, ["accept()", "socket", "file descriptor", "backlog"]),
        (3, ["send() / sendall()", "bytes and encoding", "buffer", "segment", "byte stream"]),
        (4, ["recv()", "buffer", "byte stream", "EOF", "bytes and encoding"]),
        (5, ["send() / sendall()", "buffer", "segment", "byte stream"]),
        (6, ["recv()", "buffer", "byte stream", "EOF"]),
        (7, ["bytes and encoding"]),
        (8, ["close()", "FIN", "FIN_WAIT1 / FIN_WAIT2", "TIME_WAIT"]),
        (9, ["recv()", "EOF", "CLOSE_WAIT", "buffer", "byte stream"]),
    ]
}
