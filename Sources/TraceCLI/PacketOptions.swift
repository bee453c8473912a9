import TracePackets
import TraceText

/// `--packets`, `--pcap FILE` and `--pcap-link`: the TCP segments under the calls, captured on `lo`, any
/// command's to switch on (its `OutputPipeline` opens the capture beside the tracer).
enum PacketOptions {
    static let packets = OptionSpec.flag("packets", es: "también los segmentos TCP de verdad, capturados en lo, bajo las llamadas (root, CAP_NET_RAW o una red privada)",
                                         en: "also the real TCP segments, captured on lo, under the calls (root, CAP_NET_RAW or a private network)")
    static let pcap = OptionSpec.option("pcap", "FILE", "ARCHIVO", es: "escribe también los segmentos en ARCHIVO, un pcap que abren Wireshark y tshark (implica --packets)",
                                        en: "also write the segments to FILE, a pcap Wireshark and tshark open (implies --packets)")
    static let link = OptionSpec.option("pcap-link", "ethernet|sll2", es: "tipo de enlace del pcap: ethernet (por defecto) o sll2 (guarda la dirección y la interfaz)",
                                        en: "the pcap's link type: ethernet (the default) or sll2 (keeps the direction and the interface)")
    static let specs = [packets, pcap, link]

    /// The capture asked for, or nil.
    static func parse(_ arguments: ParsedArguments) throws(UsageError) -> PacketTrace.Options? {
        let linkType: PcapLinkType
        switch arguments.value("pcap-link")?.lowercased() {
        case nil, "ethernet"?: linkType = .ethernet
        case "sll2"?: linkType = .linuxSLL2
        case let other?:
            throw .badValue(es: "--pcap-link \(SafeWord.of(other)): se espera ethernet o sll2", en: "--pcap-link \(SafeWord.of(other)): expected ethernet or sll2")
        }
        let path = arguments.value("pcap")
        guard arguments.has("packets") || path != nil else {
            if arguments.value("pcap-link") != nil {
                throw .badValue(es: "--pcap-link va con --pcap ARCHIVO", en: "--pcap-link goes with --pcap FILE")
            }
            return nil
        }
        if let path, path.isEmpty { throw .badValue(es: "--pcap: falta el nombre del archivo", en: "--pcap: the file name is missing") }
        return PacketTrace.Options(pcapPath: path, pcapLinkType: linkType)
    }

    /// `trace server` and `trace client` capture on `lo`: both ends must be on this machine.
    static func checkLoopback(_ host: String, _ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.has("packets") || arguments.value("pcap") != nil else { return }
        guard HostPortOptions.isLoopback(host) else {
            throw .badValue(es: "--packets captura en lo, la interfaz de esta máquina: con --host \(SafeWord.of(host)) no vería los segmentos; usa 127.0.0.1 o ::1",
                            en: "--packets captures on lo, this machine's own interface: with --host \(SafeWord.of(host)) it would not see the segments; use 127.0.0.1 or ::1")
        }
    }

    /// Whether a `trace run` command line starts the server program too (read by `main`, as `asked`).
    static func runsServer(in arguments: [String]) -> Bool { gives(["server"], in: arguments) }

    /// Whether the command line asks for packets (read by `main` before anything else).
    static func asked(in arguments: [String]) -> Bool { gives(["packets", "pcap"], in: arguments) }

    /// Whether one of the options `names` (`--name` or `--name=VALUE`) comes before `--`.
    private static func gives(_ names: [String], in arguments: [String]) -> Bool {
        for word in arguments {
            if word == "--" { return false }
            if names.contains(where: { word == "--" + $0 || word.hasPrefix("--" + $0 + "=") }) { return true }
        }
        return false
    }
}
