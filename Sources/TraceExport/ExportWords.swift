import TraceCore
import TraceModel
import TraceRowText
import TraceText

/// The exports' own words, in both languages: sections, the legend, the page's controls.
struct ExportWords: Sendable {
    let language: Language

    func words(_ es: String, _ en: String) -> String { language.pick(es: es, en: en) }

    var diagram: DiagramWords { DiagramWords(Wording(language: language)) }

    // MARK: - Sections

    func heading(_ section: Section) -> String {
        switch section {
        case .setup: return words("Preparación: socket, bind, listen", "Setup: socket, bind, listen")
        case .steps: return words("El intercambio", "The exchange")
        case .close: return words("El cierre", "The close")
        }
    }

    // MARK: - Lifelines

    /// `Servidor`, or `Servidor (visto desde la red)` for the peer of a one-sided recording.
    func lifeline(_ side: Side, view: DiagramView) -> String {
        let title = diagram.title(side)
        return view.traces(side) ? title : title + " " + words("(visto desde la red)", "(seen from the network)")
    }

    // MARK: - Legend

    var legendHeading: String { words("Cómo leer el diagrama", "How to read the diagram") }
    var legendInferred: String {
        words("flecha discontinua: lo que cruzó la conexión, deducido de las llamadas (no capturado en la red)",
              "dashed arrow: what crossed the connection, worked out from the calls (not captured on the wire)")
    }
    var legendObserved: String {
        words("flecha continua: un segmento capturado en la red", "solid arrow: a segment captured on the wire")
    }
    var legendSelf: String {
        words("llamada que no envía nada: junto a la línea de vida de su programa",
              "a call that sends nothing: beside its program's lifeline")
    }
    var legendSelfMessage: String {
        words("flecha de un programa a sí mismo: una llamada que no envía nada",
              "an arrow from a program to itself: a call that sends nothing")
    }
    var legendState: String {
        words("[ESTADO]: el estado TCP del socket tras la llamada, según el núcleo",
              "[STATE]: the socket's TCP state after the call, as the kernel reports it")
    }
    var legendNumbers: String {
        words("número: el paso de la lección; tiempo desde el inicio, y lo que duró la llamada",
              "number: the lesson's step; time since the start, and how long the call took")
    }
    var legendOneSided: String {
        words("línea de vida punteada: el otro lado, visto solo desde la red (sus llamadas no se trazaron)",
              "dotted lifeline: the other side, seen only from the network (its calls were not traced)")
    }

    // MARK: - Times and states

    /// `6.35 ms · 88 µs`: since the start, and how long the call took.
    func times(_ row: ExportRow) -> String {
        row.duration.map { row.time + " · " + words("duró", "took") + " " + $0 } ?? row.time
    }

    func step(_ number: Int) -> String { words("Paso \(number)", "Step \(number)") }
    func stepOf(_ position: Int, _ count: Int) -> String { words("\(position) de \(count)", "\(position) of \(count)") }
    var setupStop: String { words("Preparación", "Setup") }
    var afterSteps: String { words("Después de los pasos", "After the steps") }
    func call(_ number: Int) -> String { words("Llamada \(number)", "Call \(number)") }
}

// MARK: - The page

extension ExportWords {
    var stepsLabel: String { words("Pasos", "Steps") }
    var first: String { words("Inicio", "Start") }
    var previous: String { words("Anterior", "Previous") }
    var next: String { words("Siguiente", "Next") }
    var last: String { words("Final", "End") }
    var keys: String {
        words("Teclas: → o espacio o Av Pág, siguiente; ← o Re Pág, anterior; Inicio y Fin. Enlace a un paso: #step=5.",
              "Keys: → or space or Page Down, next; ← or Page Up, previous; Home and End. Link to a step: #step=5.")
    }
    var transcriptHeading: String { words("Paso a paso", "Step by step") }
    var inProgram: String { words("En el programa", "In the program") }
    var inKernel: String { words("En el núcleo", "In the kernel") }
    var terms: String { words("Términos", "Terms") }
    var noDefinition: String { words("(sin definición en el glosario)", "(not in the glossary)") }
    var languageName: String { words("Español", "English") }
    var noScript: String {
        words("Sin JavaScript se muestran todos los pasos a la vez.", "Without JavaScript every step is shown at once.")
    }

    func title(of stop: Stop) -> String {
        switch stop.kind {
        case .setup: return setupStop
        case .step(let n): return step(n)
        case .afterSteps: return afterSteps
        case .call(let n): return call(n)
        }
    }

    /// What crossed the connection with a call, and where to, said in words for whoever cannot see the arrow.
    func crossing(_ arrow: Arrow, from side: Side) -> String {
        let to = arrow.direction == .outgoing ? side.other : side
        let what: String
        switch arrow.kind {
        case .handshake: what = words("el saludo de tres vías (SYN, SYN-ACK, ACK)", "the three-way handshake (SYN, SYN-ACK, ACK)")
        case .data: what = words("los bytes del mensaje", "the message's bytes")
        case .fin: what = words("un FIN", "a FIN")
        case .rst: what = words("un RST", "an RST")
        case .segment(let flags): what = words("un segmento \(flags)", "a \(flags) segment")
        }
        let whereTo = to == .left ? words("hacia el cliente", "to the client") : words("hacia el servidor", "to the server")
        let how = arrow.evidence == .inferred ? words("deducido de las llamadas", "worked out from the calls")
                                              : words("capturado en la red", "captured on the wire")
        return words("Cruza la conexión \(whereTo): \(what) (\(how)).", "Crosses the connection \(whereTo): \(what) (\(how)).")
    }

    /// How the recording was made, in one sentence.
    func about(_ header: TraceHeader?) -> String? {
        guard let header else { return nil }
        let traced: String
        switch DiagramView(header) {
        case .both: traced = words("las llamadas de los dos programas", "both programs' calls")
        case .only(let actor):
            traced = actor == .server ? words("solo las llamadas del servidor", "the server's calls only")
                                      : words("solo las llamadas del cliente", "the client's calls only")
        }
        var text = words("Grabado por \(header.tool) con trace \(header.command): \(traced).",
                         "Recorded by \(header.tool) with trace \(header.command): \(traced).")
        switch header.pacing {
        case .free: break
        case .delay(let ms): text += " " + words("Cada paso esperó \(ms) ms antes de empezar.", "Each step waited \(ms) ms before it began.")
        case .stepped: text += " " + words("Paso a paso: los tiempos incluyen lo que se tardó en leer cada tarjeta.",
                                           "Step by step: the times include the time taken to read each card.")
        }
        return text
    }
}
