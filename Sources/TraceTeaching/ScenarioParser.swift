import TraceCore
import TraceText
import TracePrograms
import TraceSockets

/// Reads a lesson's scenario: one action a line, `ACTOR CALL ARGUMENTS MODIFIERS`, in teaching order.
/// The syntax is documented in `Lessons/README.md`; for example
///
///     server  listen 5
///     client  connect server               step 1
///     client  sendall "Hola, servidor"     step 3
///     client  connect closed-port          expect ECONNREFUSED
public enum ScenarioParser {
    /// Every mistake is reported with its line; the scenario is nil when there is any.
    /// `blockLine` is where the block starts, for a block with no actions.
    public static func parse(_ lines: [NumberedLine], id: String, file: String,
                             blockLine: Int = 1) -> (scenario: Scenario?, errors: [LessonFormatError]) {
        var parsed: [ParsedAction] = []
        var errors: [LessonFormatError] = []
        for line in lines {
            do throws(ScenarioProblem) {
                let tokens = try ScenarioTokenizer.tokens(line.text)
                if tokens.isEmpty { continue }
                parsed.append(try action(tokens, line: line.number))
            } catch {
                errors.append(LessonFormatError(file: file, line: line.number, error.text))
            }
        }
        guard errors.isEmpty else { return (nil, errors) }
        let (scenario, problems) = ScenarioChecks.build(parsed, id: id)
        errors = problems.map { LessonFormatError(file: file, line: $0.line > 0 ? $0.line : blockLine, $0.text) }
        return errors.isEmpty ? (scenario, []) : (nil, errors)
    }

    static let modifiers: Set<String> = ["step", "expect", "after", "as", "repeat", "connection"]
    static let maximumPayload = 16 << 20

    private static func action(_ tokens: [ScenarioToken], line: Int) throws(ScenarioProblem) -> ParsedAction {
        guard let actor = tokens[0].word else {
            throw ScenarioProblem(es: "una línea empieza por quién actúa: server o client", en: "a line starts with who acts: server or client")
        }
        guard ScenarioChecks.role(of: actor) != nil else {
            throw ScenarioProblem(es: "actor desconocido '\(actor)': los nombres empiezan por server o client (server, client, client2)",
                                  en: "unknown actor '\(actor)': names start with server or client (server, client, client2)")
        }
        guard tokens.count > 1, let callName = tokens[1].word else {
            throw ScenarioProblem(es: "tras '\(actor)' va una llamada: socket, bind, listen, accept, connect, send, sendall, recv...",
                                  en: "after '\(actor)' comes a call: socket, bind, listen, accept, connect, send, sendall, recv, ...")
        }
        let rest = tokens.dropFirst(2)
        let split = rest.firstIndex { $0.word.map(modifiers.contains) ?? false } ?? rest.endIndex
        var arguments = TokenCursor(rest[..<split])
        var result = ParsedAction(actor: actor, line: line, call: try call(callName.lowercased(), &arguments))
        if let extra = arguments.next() {
            throw ScenarioProblem(es: "sobra \(extra.shown.es) después de \(callName)", en: "unexpected \(extra.shown.en) after \(callName)")
        }
        var modifierTokens = TokenCursor(rest[split...])
        try readModifiers(&modifierTokens, into: &result)
        return result
    }

    // MARK: Calls

    private static func call(_ name: String, _ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.Call {
        switch name {
        case "socket": return .socket
        case "setsockopt":
            let optionName = try args.word(Bilingual(es: "una opción como SO_REUSEADDR", en: "an option such as SO_REUSEADDR"))
            guard let option = SocketOption.allNames.first(where: { $0.rawValue == optionName.uppercased() }) else {
                let names = SocketOption.allNames.map(\.rawValue).joined(separator: ", ")
                throw ScenarioProblem(es: "opción desconocida \(optionName): usa \(names)", en: "unknown option \(optionName): use \(names)")
            }
            return .setOption(option, Int32(try args.number(Bilingual(es: "el valor de la opción", en: "the option's value"), in: -1...(1 << 30))))
        case "bind":
            guard let word = args.peekWord() else { return .bind(port: .runPort) }
            _ = args.next()
            switch word {
            case "any": return .bind(port: .anyAddress)
            case "same-as": return .bind(port: .sameAs(try args.word(Bilingual(es: "un actor (bind same-as server)", en: "an actor (bind same-as server)"))))
            default: throw ScenarioProblem(es: "bind va solo, o con 'any' o 'same-as ACTOR', no con '\(word)'",
                                           en: "bind takes nothing, 'any', or 'same-as ACTOR', not '\(word)'")
            }
        case "listen": return .listen(backlog: Int32(try args.number(Bilingual(es: "el backlog (listen 5)", en: "the backlog (listen 5)"), in: 0...4096)))
        case "accept": return .accept
        case "connect":
            let target = try args.word(Bilingual(es: "a quién conectarse: el nombre de un servidor, o closed-port",
                                                 en: "whom to connect to: a server's name, or closed-port"))
            return .connect(to: target == "closed-port" ? .closedPort : .actor(target))
        case "send": return .send(try payload(&args))
        case "sendall": return .sendAll(try payload(&args))
        case "recv": return try recv(&args)
        case "print": return .print
        case "shutdown":
            let how = try args.word(Bilingual(es: "SHUT_WR, SHUT_RD o SHUT_RDWR", en: "SHUT_WR, SHUT_RD or SHUT_RDWR"))
            switch how.uppercased() {
            case "SHUT_WR", "WRITE": return .shutdown(.write)
            case "SHUT_RD", "READ": return .shutdown(.read)
            case "SHUT_RDWR", "BOTH": return .shutdown(.both)
            default: throw ScenarioProblem(es: "shutdown lleva SHUT_WR, SHUT_RD o SHUT_RDWR, no \(how)",
                                           en: "shutdown takes SHUT_WR, SHUT_RD or SHUT_RDWR, not \(how)")
            }
        case "close":
            guard let word = args.peekWord() else { return .close() }
            guard word == "listener" else {
                throw ScenarioProblem(es: "close va solo o con 'listener', no con '\(word)'", en: "close takes nothing or 'listener', not '\(word)'")
            }
            _ = args.next()
            return .closeListener
        case "tcpinfo": return .tcpInfo()
        case "wait": return .tcpInfo(until: try kernelCondition(&args))
        default:
            let calls = "socket, setsockopt, bind, listen, accept, connect, send, sendall, recv, print, shutdown, close, tcpinfo, wait"
            throw ScenarioProblem(es: "llamada desconocida '\(name)': \(calls)", en: "unknown call '\(name)': \(calls)")
        }
    }

    private static func payload(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.Payload {
        let bytes = try args.text(Bilingual(es: "los datos entre comillas dobles (sendall \"Hola\")", en: "the data in double quotes (sendall \"Hola\")"))
        var count = 1
        if let word = args.peekWord(), word.hasPrefix("*") {
            _ = args.next()
            let digits = word.dropFirst()
            let times = Bilingual(es: "cuántas veces (\"ab\" * 100)", en: "how many times (\"ab\" * 100)")
            count = digits.isEmpty ? try args.number(times, in: 1...maximumPayload)
                                   : try TokenCursor.number(String(digits), times, in: 1...maximumPayload)
        }
        guard bytes.count * count <= maximumPayload else {
            throw ScenarioProblem(es: "los datos ocupan más de 16 MiB", en: "the data is larger than 16 MiB")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .bytes(Array(Array(repeating: bytes, count: count).joined()))
        }
        return count == 1 ? .text(text) : .repeated(text, count: count)
    }

    private static func recv(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.Call {
        let maxBytes = try args.number(Bilingual(es: "cuántos bytes toma como mucho un recv (recv 1024)",
                                                 en: "the most bytes one recv takes (recv 1024)"), in: 1...(1 << 20))
        if args.isAtEnd { return .recv(maxBytes: maxBytes) }
        guard args.peekWord() == "until" else {
            throw ScenarioProblem(es: "tras el tamaño de recv no va nada, o 'until ...'", en: "after recv's size comes nothing or 'until ...'")
        }
        _ = args.next()
        let what = Bilingual(es: "qué espera recv: until closed, until 100 bytes o until \"\\n\"",
                             en: "what recv waits for: until closed, until 100 bytes, or until \"\\n\"")
        if let text = args.peekText() {
            _ = args.next()
            guard !text.isEmpty else { throw ScenarioProblem(es: "el delimitador está vacío", en: "the delimiter is empty") }
            return .recv(maxBytes: maxBytes, until: .delimiter(text))
        }
        let first = try args.word(what)
        if first == "closed" { return .recv(maxBytes: maxBytes, until: .closed) }
        let count = try TokenCursor.number(first, what, in: 1...maximumPayload)
        guard try args.word(Bilingual(es: "'bytes' tras la cantidad", en: "'bytes' after the count")) == "bytes" else {
            throw ScenarioProblem(es: "escribe: until \(count) bytes", en: "write: until \(count) bytes")
        }
        return .recv(maxBytes: maxBytes, until: .bytes(count))
    }

    private static func kernelCondition(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.KernelCondition {
        let kind = try args.word(Bilingual(es: "qué esperar: state NOMBRE, queue N, received N, received all",
                                           en: "what to wait for: state NAME, queue N, received N, received all"))
        switch kind {
        case "state":
            let name = try args.word(Bilingual(es: "un estado TCP como ESTABLISHED", en: "a TCP state such as ESTABLISHED"))
            guard let state = TCPState(name: name.uppercased()) else {
                let states = TCPState.allCases.map(\.name).joined(separator: ", ")
                throw ScenarioProblem(es: "estado TCP desconocido \(name): \(states)", en: "unknown TCP state \(name): \(states)")
            }
            return .state(state)
        case "queue":
            return .acceptQueue(try args.number(Bilingual(es: "cuántas conexiones esperan (wait queue 3)",
                                                          en: "how many connections wait (wait queue 3)"), in: 0...4096))
        case "received":
            if args.peekWord() == "all" {
                _ = args.next()
                return .everythingSent
            }
            return .bytesReceived(try args.number(Bilingual(es: "una cantidad de bytes o 'all'", en: "a byte count or 'all'"), in: 0...maximumPayload))
        default: throw ScenarioProblem(es: "wait espera state, queue o received, no '\(kind)'", en: "wait for state, queue or received, not '\(kind)'")
        }
    }

    // MARK: Modifiers

    private static func readModifiers(_ tokens: inout TokenCursor, into action: inout ParsedAction) throws(ScenarioProblem) {
        var seen: Set<String> = []
        while let token = tokens.next() {
            guard let keyword = token.word, modifiers.contains(keyword) else {
                throw ScenarioProblem(es: "sobra \(token.shown.es): se espera step, expect, after, as, repeat o connection",
                                      en: "unexpected \(token.shown.en): expected step, expect, after, as, repeat or connection")
            }
            guard seen.insert(keyword).inserted else {
                throw ScenarioProblem(es: "'\(keyword)' aparece dos veces", en: "'\(keyword)' given twice")
            }
            switch keyword {
            case "step": action.step = try tokens.number(Bilingual(es: "el número de paso", en: "the step number"), in: 1...999)
            case "expect":
                let name = try tokens.word(Bilingual(es: "el nombre de un error, como ECONNREFUSED", en: "an error name such as ECONNREFUSED"))
                guard name.count > 1, name.hasPrefix("E"), name.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) else {
                    throw ScenarioProblem(es: "expect lleva el nombre de un error, como ECONNREFUSED, no \(name)",
                                          en: "expect takes an error name such as ECONNREFUSED, not \(name)")
                }
                // A name the tool can report: the system's errors by name, and the resolver's (EAI_*).
                guard Errno.knownNames.contains(name) || (name.hasPrefix("EAI_") && ErrnoText.isKnown(name)) else {
                    let some = "ECONNREFUSED, EADDRINUSE, ECONNRESET, EPIPE, ETIMEDOUT"
                    throw ScenarioProblem(es: "expect \(name): no es un error que conozca trace (por ejemplo \(some))",
                                          en: "expect \(name): not an error trace knows (for example \(some))")
                }
                action.expectedError = name
            case "repeat": action.repeatCount = try tokens.number(Bilingual(es: "cuántas veces como mucho", en: "how many times at most"), in: 1...1000)
            case "as": action.label = try label(tokens.word(Bilingual(es: "una etiqueta para esta línea", en: "a label for this line")))
            case "after":
                var labels = [try tokens.word(Bilingual(es: "las etiquetas de líneas anteriores", en: "the label(s) of earlier lines"))]
                while labels.last?.hasSuffix(",") == true, let more = tokens.peekWord(), !modifiers.contains(more) {
                    _ = tokens.next()
                    labels.append(more)
                }
                for part in labels.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: true) {
                    action.after.append(try label(String(part)))
                }
            case "connection":
                let number = try tokens.number(Bilingual(es: "el número de la conexión", en: "the connection's number"), in: 1...100)
                action.call = try action.call.on(connection: number)
            default: break
            }
        }
    }

    private static func label(_ text: String) throws(ScenarioProblem) -> String {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ScenarioProblem(es: "una etiqueta lleva letras, cifras, - y _, no '\(text)'", en: "a label is letters, digits, - and _, not '\(text)'")
        }
        return text
    }
}

/// One parsed line, before labels become indices.
struct ParsedAction {
    var actor: String
    var line: Int
    var call: Scenario.Call
    var step: Int?
    var expectedError: String?
    var label: String?
    var after: [String] = []
    var repeatCount = 1
}

extension Scenario.Call {
    /// The same call on connection `number`.
    func on(connection number: Int) throws(ScenarioProblem) -> Scenario.Call {
        switch self {
        case .send(let p, _): return .send(p, connection: number)
        case .sendAll(let p, _): return .sendAll(p, connection: number)
        case .recv(let max, let until, _): return .recv(maxBytes: max, until: until, connection: number)
        case .shutdown(let how, _): return .shutdown(how, connection: number)
        case .close: return .close(connection: number)
        case .tcpInfo(let until, _): return .tcpInfo(until: until, connection: number)
        default:
            throw ScenarioProblem(es: "'connection' sirve para send, sendall, recv, shutdown, close, tcpinfo y wait",
                                  en: "'connection' applies to send, sendall, recv, shutdown, close, tcpinfo and wait")
        }
    }
}

extension SocketOption {
    static let allNames: [SocketOption] = [.reuseAddress, .noDelay, .linger, .ipv6Only, .receiveBuffer, .sendBuffer]
}

/// Reads a line's tokens one at a time, with messages that say what was expected.
struct TokenCursor {
    private var tokens: ArraySlice<ScenarioToken>

    init(_ tokens: ArraySlice<ScenarioToken>) { self.tokens = tokens }

    var isAtEnd: Bool { tokens.isEmpty }

    mutating func next() -> ScenarioToken? { tokens.popFirst() }

    func peekWord() -> String? { tokens.first?.word }

    func peekText() -> [UInt8]? {
        if case .text(let t) = tokens.first { return t }
        return nil
    }

    mutating func word(_ what: Bilingual) throws(ScenarioProblem) -> String {
        guard let token = tokens.first else { throw ScenarioProblem(es: "falta \(what.es)", en: "missing \(what.en)") }
        guard let word = token.word else {
            throw ScenarioProblem(es: "se espera \(what.es), no un texto entre comillas", en: "expected \(what.en), found text in quotes")
        }
        tokens = tokens.dropFirst()
        return word
    }

    mutating func text(_ what: Bilingual) throws(ScenarioProblem) -> [UInt8] {
        guard case .text(let t) = tokens.first else { throw ScenarioProblem(es: "faltan \(what.es)", en: "missing \(what.en)") }
        tokens = tokens.dropFirst()
        return t
    }

    mutating func number(_ what: Bilingual, in range: ClosedRange<Int>) throws(ScenarioProblem) -> Int {
        try TokenCursor.number(try word(what), what, in: range)
    }

    static func number(_ word: String, _ what: Bilingual, in range: ClosedRange<Int>) throws(ScenarioProblem) -> Int {
        guard word.count <= 12, let value = Int(word) else {
            throw ScenarioProblem(es: "se espera \(what.es), no '\(word)'", en: "expected \(what.en), not '\(word)'")
        }
        guard range.contains(value) else {
            let bounds = "\(range.lowerBound)...\(range.upperBound)"
            throw ScenarioProblem(es: "\(what.es): \(value) está fuera de \(bounds)", en: "\(what.en): \(value) is outside \(bounds)")
        }
        return value
    }
}

extension ScenarioToken {
    /// How a message quotes this token.
    var shown: Bilingual {
        switch self {
        case .word(let w): return Bilingual(es: "'\(w)'", en: "'\(w)'")
        case .text: return Bilingual(es: "un texto entre comillas", en: "text in quotes")
        }
    }
}
