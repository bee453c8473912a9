import TraceText
import TracePrograms

/// `--host` and `--port`, declared here once for every command: what each means depends on who runs
/// where (both programs on this machine, a server, a client).
enum HostPortOptions {
    /// The demo and the lessons: both programs run here.
    static let loopbackHost = OptionSpec.option("host", "ADDR", "DIR", es: "127.0.0.1 (por defecto) o ::1", en: "127.0.0.1 (the default) or ::1")
    static let kernelChosenPort = OptionSpec.option("port", "N", es: "puerto del servidor; 0 = el núcleo elige uno libre (por defecto)",
                                                    en: "the server's port; 0 = the kernel picks a free one (the default)")
    /// `trace server`: where it listens.
    static let listenHost = OptionSpec.option("host", "ADDR", "DIR",
        es: "dirección donde escuchar: 127.0.0.1 (por defecto, solo esta máquina), 0.0.0.0 (toda la red), ::1, ::",
        en: "address to listen on: 127.0.0.1 (the default, this machine only), 0.0.0.0 (the whole network), ::1, ::")
    static let serverPort = OptionSpec.option("port", "N", es: "puerto (por defecto \(ServerOptions.defaultPort)); 0 = que lo elija el sistema",
                                              en: "port (default \(ServerOptions.defaultPort)); 0 = let the system choose")
    /// `trace client`: the server to reach.
    static let serverHost = OptionSpec.option("host", "H", es: "el servidor: nombre o dirección (por defecto 127.0.0.1)",
                                              en: "the server: name or address (default 127.0.0.1)")
    static let serverPortToReach = OptionSpec.option("port", "N", es: "su puerto (por defecto \(ServerOptions.defaultPort))",
                                                     en: "its port (default \(ServerOptions.defaultPort))")

    /// `127.x.y.z`, `::1` or `localhost`: an address of this machine's own loopback.
    static func isLoopback(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        let ipv4 = parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
        return ipv4 || host == "::1" || host == "localhost"
    }
}
