import Testing
import TraceRender
@testable import TraceTeaching

@Suite("The glossary's sixteen seed terms are the original lesson's, in its words")
struct SeedGlossaryTests {
    /// The "Glosario de términos clave" of the seed lesson, `seed/000_0aae8ece16bb6db3.txt` in the
    /// project's shared folder (not available to CI), copied here term by term, in its order: the term
    /// as the seed writes it, and its definition word for word.
    static let seed: [(term: String, definition: String)] = [
        ("TCP", "Protocolo de red que garantiza la entrega ordenada y completa de los datos entre dos dispositivos."),
        ("Socket", "Punto final de una comunicación entre dos programas a través de la red."),
        ("Puerto", "Número lógico que identifica una aplicación o servicio específico en un dispositivo de red."),
        ("IP", "Dirección única que identifica a un dispositivo en una red."),
        ("Cliente", "Programa que inicia la comunicación solicitando un servicio."),
        ("Servidor", "Programa que espera y responde a las solicitudes de los clientes."),
        ("bind()", "Método que asocia un socket a una dirección IP y puerto."),
        ("listen()", "Método que pone al servidor en modo de espera para aceptar conexiones."),
        ("accept()", "Método que acepta una conexión entrante de un cliente."),
        ("connect()", "Método que usa el cliente para conectarse al servidor."),
        ("sendall()", "Método para enviar datos a través del socket."),
        ("recv()", "Método para recibir datos a través del socket."),
        ("close()", "Método para cerrar la conexión del socket."),
        ("Paquete", "Unidad de datos que se transmite por la red."),
        ("Canal de comunicación", "Ruta lógica creada entre cliente y servidor para intercambiar datos."),
        ("localhost", "Nombre especial que se refiere a la propia computadora (IP 127.0.0.1)."),
    ]

    @Test("exactly the seed's 16 are marked, in its order, each found by the seed's own name")
    func theSixteen() throws {
        let glossary = try LessonFiles.library().glossary
        let marked = glossary.entries.filter(\.isSeedTerm).map(\.id)
        let named = try SeedGlossaryTests.seed.map { try #require(glossary.exact($0.term), "\($0.term)").id }
        #expect(marked.count == 16)
        #expect(named == marked)
    }

    @Test("each Spanish definition starts with the seed's, word for word; the English one with a sentence of its own, then more")
    func definitions() throws {
        let glossary = try LessonFiles.library().glossary
        for (term, definition) in SeedGlossaryTests.seed {
            let entry = try #require(glossary.exact(term))
            #expect(entry.definition.es.hasPrefix(definition + " "), "\(term): \(entry.definition.es)")
            #expect(entry.definition.es.count > definition.count + 40, "\(term): the project adds nothing")
            let english = entry.definition.en
            let first = english.prefix { $0 != "." }
            #expect(!english.hasPrefix(definition) && first.count >= 20 && english.count > first.count + 40, "\(term): \(english)")
        }
    }

    @Test("the terms that used to stand in for the seed's stay, unmarked; the new ones are related to them")
    func formerSeedTerms() throws {
        let glossary = try LessonFiles.library().glossary
        for id in ["protocol", "connection"] {
            let entry = try #require(glossary.entry(id: id))
            #expect(!entry.isSeedTerm)
        }
        #expect(glossary.entry(id: "connection")?.related.contains("channel") == true)
        #expect(glossary.entry(id: "packet")?.related.contains("segment") == true)
        for alias in ["canal", "communication channel", "canal privado", "paquete TCP", "TCP packet"] {
            #expect(glossary.exact(alias) != nil, "\(alias)")
        }
        #expect(glossary.exact("segmento")?.id == "segment")
    }
}
