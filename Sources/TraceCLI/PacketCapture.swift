import TracePackets
import TraceText

/// Opens the capture a command asked for (`--packets`, `--pcap`), or says in one line why it cannot: never
/// a run without the packets that were asked for.
enum PacketCapture {
    /// `alone`: both programs run in this process (the demo, a lesson), so `main` may have moved it into
    /// a private network; otherwise (`trace server`, `trace client`) the other programs must reach it, and
    /// only CAP_NET_RAW will do.
    static func open(_ options: PacketTrace.Options?, context: CommandContext, language: Language,
                     alone: Bool) throws(CommandFailure) -> PacketTrace? {
        guard let options else { return nil }
        if alone, case .refused(let refusal)? = context.privateNetwork {
            throw CommandFailure(message: refused(refusal, language), status: ExitStatus.failure)
        }
        do {
            return try PacketTrace(options: options)
        } catch {
            switch error {
            case .pcap(let e):
                throw CommandFailure(message: pcapText(e, language), status: ExitStatus.cannotCreate)
            case .capture(let e):
                throw CommandFailure(message: notCapturing(e, language, alone: alone), status: ExitStatus.failure)
            }
        }
    }

    /// Closing the capture's pcap failed: one line, exit 74.
    static func writeFailure(_ failure: PacketTrace.Failure, language: Language) -> CommandFailure {
        switch failure {
        case .pcap(let e): return CommandFailure(message: pcapText(e, language), status: ExitStatus.ioError)
        case .capture(let e): return CommandFailure(message: notCapturing(e, language, alone: true), status: ExitStatus.ioError)
        }
    }

    /// `--pcap FILE: ENOSPC (No queda espacio en el dispositivo)`, as for `--record`.
    private static func pcapText(_ e: PcapError, _ l: Language) -> String {
        switch e.reason {
        case .system(let errno, _): return "--pcap \(SafeWord.of(e.path, limit: 300)): \(FileErrorText.of(errno.rawValue, l))"
        case .malformed: return "--pcap " + SafeWord.of(e.description, limit: 300)
        }
    }

    private static func notCapturing(_ e: PacketCaptureError, _ l: Language, alone: Bool) -> String {
        guard case .notPermitted(let errno) = e.reason else {
            return l.pick(es: "--packets: no se pueden capturar paquetes: ", en: "--packets: cannot capture packets: ") + e.description
        }
        let remedy = PacketCaptureError.setcapRemedy
        let why = alone ? "" : l.pick(es: " (una red privada ocultaría este programa a los demás, así que trace no la crea aquí)",
                                      en: " (a private network would hide this program from the others, so trace makes none here)")
        return l.pick(
            es: "--packets: capturar necesita la capacidad CAP_NET_RAW: socket(AF_PACKET) falló con \(errno.name)\(why). Ejecútalo como root, o permítelo una vez con `\(remedy)`",
            en: "--packets: capturing needs the CAP_NET_RAW capability: socket(AF_PACKET) failed with \(errno.name)\(why). Run it as root, or allow it once with `\(remedy)`")
    }

    private static func refused(_ refusal: PrivateNetwork.Refusal, _ l: Language) -> String {
        let remedy = PacketCaptureError.setcapRemedy
        switch refusal.cause {
        case .confinedByAppArmor(let step, let e):
            return l.pick(
                es: "--packets: AppArmor limita aquí los espacios de nombres de usuario sin privilegios (kernel.apparmor_restrict_unprivileged_userns = 1): la red privada se creó pero \(step) falló con \(e.name). Un administrador puede permitir la captura una vez con `\(remedy)`, o con un perfil de AppArmor con `userns,` para trace",
                en: "--packets: " + refusal.description)
        case .userNamespacesUnavailable(let e):
            return l.pick(
                es: "--packets: este sistema no deja a un usuario crear una red privada (unshare: \(e.name)). Un administrador puede permitir la captura una vez con `\(remedy)`",
                en: "--packets: " + refusal.description)
        default:
            return l.pick(es: "--packets: no se pueden capturar paquetes: ", en: "--packets: ") + refusal.description
        }
    }
}
