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
                errors.append(LessonFormatError(file: file, line: line.number, error.message))
            }
        }
        guard errors.isEmpty else { return (nil, errors) }
        let (scenario, problems) = ScenarioChecks.build(parsed, id: id)
        errors = problems.map { LessonFormatError(file: file, line: $0.line > 0 ? $0.line : blockLine, $0.message) }
        return errors.isEmpty ? (scenario, []) : (nil, errors)
    }

    static let modifiers: Set<String> = ["step", "expect", "after", "as", "repeat", "connection"]
    static let maximumPayload = 16 << 20

    private static func action(_ tokens: [ScenarioToken], line: Int) throws(ScenarioProblem) -> ParsedAction {
        guard let actor = tokens[0].word else { throw ScenarioProblem("a line starts with who acts: server or client") }
        guard ScenarioChecks.role(of: actor) != nil else {
            throw ScenarioProblem("unknown actor '\(actor)': names start with server or client (server, client, client2)")
        }
        guard tokens.count > 1, let callName = tokens[1].word else {
            throw ScenarioProblem("after '\(actor)' comes a call: socket, bind, listen, accept, connect, send, sendall, recv, ...")
        }
        let rest = tokens.dropFirst(2)
        let split = rest.firstIndex { $0.word.map(modifiers.contains) ?? false } ?? rest.endIndex
        var arguments = TokenCursor(rest[..<split])
        var result = ParsedAction(actor: actor, line: line, call: try call(callName.lowercased(), &arguments))
        if let extra = arguments.next() {
            throw ScenarioProblem("unexpected \(extra.shown) after \(callName)")
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
            let optionName = try args.word("an option such as SO_REUSEADDR")
            guard let option = SocketOption.allNames.first(where: { $0.rawValue == optionName.uppercased() }) else {
                throw ScenarioProblem("unknown option \(optionName): use " + SocketOption.allNames.map(\.rawValue).joined(separator: ", "))
            }
            return .setOption(option, Int32(try args.number("the option's value", in: -1...(1 << 30))))
        case "bind":
            guard let word = args.peekWord() else { return .bind(port: .runPort) }
            _ = args.next()
            switch word {
            case "any": return .bind(port: .anyAddress)
            case "same-as": return .bind(port: .sameAs(try args.word("an actor (bind same-as server)")))
            default: throw ScenarioProblem("bind takes nothing, 'any', or 'same-as ACTOR', not '\(word)'")
            }
        case "listen": return .listen(backlog: Int32(try args.number("the backlog (listen 5)", in: 0...4096)))
        case "accept": return .accept
        case "connect":
            let target = try args.word("whom to connect to: a server's name, or closed-port")
            return .connect(to: target == "closed-port" ? .closedPort : .actor(target))
        case "send": return .send(try payload(&args))
        case "sendall": return .sendAll(try payload(&args))
        case "recv": return try recv(&args)
        case "print": return .print
        case "shutdown":
            let how = try args.word("SHUT_WR, SHUT_RD or SHUT_RDWR")
            switch how.uppercased() {
            case "SHUT_WR", "WRITE": return .shutdown(.write)
            case "SHUT_RD", "READ": return .shutdown(.read)
            case "SHUT_RDWR", "BOTH": return .shutdown(.both)
            default: throw ScenarioProblem("shutdown takes SHUT_WR, SHUT_RD or SHUT_RDWR, not \(how)")
            }
        case "close":
            guard let word = args.peekWord() else { return .close() }
            guard word == "listener" else { throw ScenarioProblem("close takes nothing or 'listener', not '\(word)'") }
            _ = args.next()
            return .closeListener
        case "tcpinfo": return .tcpInfo()
        case "wait": return .tcpInfo(until: try kernelCondition(&args))
        default:
            throw ScenarioProblem("unknown call '\(name)': socket, setsockopt, bind, listen, accept, connect, send, "
                                  + "sendall, recv, print, shutdown, close, tcpinfo, wait")
        }
    }

    private static func payload(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.Payload {
        let bytes = try args.text("the data in double quotes (sendall \"Hola\")")
        var count = 1
        if let word = args.peekWord(), word.hasPrefix("*") {
            _ = args.next()
            let digits = word.dropFirst()
            count = digits.isEmpty ? try args.number("how many times (\"ab\" * 100)", in: 1...maximumPayload)
                                   : try TokenCursor.number(String(digits), "how many times", in: 1...maximumPayload)
        }
        guard bytes.count * count <= maximumPayload else { throw ScenarioProblem("the data is larger than 16 MiB") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .bytes(Array(Array(repeating: bytes, count: count).joined()))
        }
        return count == 1 ? .text(text) : .repeated(text, count: count)
    }

    private static func recv(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.Call {
        let maxBytes = try args.number("the most bytes one recv takes (recv 1024)", in: 1...(1 << 20))
        if args.isAtEnd { return .recv(maxBytes: maxBytes) }
        guard args.peekWord() == "until" else { throw ScenarioProblem("after recv's size comes nothing or 'until ...'") }
        _ = args.next()
        let what = "what recv waits for: until closed, until 100 bytes, or until \"\\n\""
        if let text = args.peekText() {
            _ = args.next()
            guard !text.isEmpty else { throw ScenarioProblem("the delimiter is empty") }
            return .recv(maxBytes: maxBytes, until: .delimiter(text))
        }
        let first = try args.word(what)
        if first == "closed" { return .recv(maxBytes: maxBytes, until: .closed) }
        let count = try TokenCursor.number(first, what, in: 1...maximumPayload)
        guard try args.word("'bytes' after the count") == "bytes" else { throw ScenarioProblem("write: until \(count) bytes") }
        return .recv(maxBytes: maxBytes, until: .bytes(count))
    }

    private static func kernelCondition(_ args: inout TokenCursor) throws(ScenarioProblem) -> Scenario.KernelCondition {
        let kind = try args.word("what to wait for: state NAME, queue N, received N, received all")
        switch kind {
        case "state":
            let name = try args.word("a TCP state such as ESTABLISHED")
            guard let state = TCPState(name: name.uppercased()) else {
                throw ScenarioProblem("unknown TCP state \(name): " + TCPState.allCases.map(\.name).joined(separator: ", "))
            }
            return .state(state)
        case "queue": return .acceptQueue(try args.number("how many connections wait (wait queue 3)", in: 0...4096))
        case "received":
            if args.peekWord() == "all" {
                _ = args.next()
                return .everythingSent
            }
            return .bytesReceived(try args.number("a byte count or 'all'", in: 0...maximumPayload))
        default: throw ScenarioProblem("wait for state, queue or received, not '\(kind)'")
        }
    }

    // MARK: Modifiers

    private static func readModifiers(_ tokens: inout TokenCursor, into action: inout ParsedAction) throws(ScenarioProblem) {
        var seen: Set<String> = []
        while let token = tokens.next() {
            guard let keyword = token.word, modifiers.contains(keyword) else {
                throw ScenarioProblem("unexpected \(token.shown): expected step, expect, after, as, repeat or connection")
            }
            guard seen.insert(keyword).inserted else { throw ScenarioProblem("'\(keyword)' given twice") }
            switch keyword {
            case "step": action.step = try tokens.number("the step number", in: 1...999)
            case "expect":
                let name = try tokens.word("an error name such as ECONNREFUSED")
                guard name.count > 1, name.hasPrefix("E"), name.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) else {
                    throw ScenarioProblem("expect takes an error name such as ECONNREFUSED, not \(name)")
                }
                action.expectedError = name
            case "repeat": action.repeatCount = try tokens.number("how many times at most", in: 1...1000)
            case "as": action.label = try label(tokens.word("a label for this line"))
            case "after":
                var labels = [try tokens.word("the label(s) of earlier lines")]
                while labels.last?.hasSuffix(",") == true, let more = tokens.peekWord(), !modifiers.contains(more) {
                    _ = tokens.next()
                    labels.append(more)
                }
                for part in labels.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: true) {
                    action.after.append(try label(String(part)))
                }
            case "connection":
                let number = try tokens.number("the connection's number", in: 1...100)
                action.call = try action.call.on(connection: number)
            default: break
            }
        }
    }

    private static func label(_ text: String) throws(ScenarioProblem) -> String {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ScenarioProblem("a label is letters, digits, - and _, not '\(text)'")
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
        default: throw ScenarioProblem("'connection' applies to send, sendall, recv, shutdown, close, tcpinfo and wait")
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

    mutating func word(_ what: String) throws(ScenarioProblem) -> String {
        guard let token = tokens.first else { throw ScenarioProblem("missing \(what)") }
        guard let word = token.word else { throw ScenarioProblem("expected \(what), found text in quotes") }
        tokens = tokens.dropFirst()
        return word
    }

    mutating func text(_ what: String) throws(ScenarioProblem) -> [UInt8] {
        guard case .text(let t) = tokens.first else { throw ScenarioProblem("missing \(what)") }
        tokens = tokens.dropFirst()
        return t
    }

    mutating func number(_ what: String, in range: ClosedRange<Int>) throws(ScenarioProblem) -> Int {
        try TokenCursor.number(try word(what), what, in: range)
    }

    static func number(_ word: String, _ what: String, in range: ClosedRange<Int>) throws(ScenarioProblem) -> Int {
        guard word.count <= 12, let value = Int(word) else { throw ScenarioProblem("expected \(what), not '\(word)'") }
        guard range.contains(value) else {
            throw ScenarioProblem("\(what): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}

extension ScenarioToken {
    /// How a message quotes this token.
    var shown: String {
        switch self {
        case .word(let w): return "'\(w)'"
        case .text: return "text in quotes"
        }
    }
}
