import TraceTerminal

/// What the learner asked for while stepping through a recording: a move, or something else.
enum ReplayMove: Equatable, Sendable {
    case next, previous, first, last
    /// A digit of a step number being typed (Enter then jumps).
    case digit(Int)
    case eraseDigit
    /// Enter: the next stop, or the step whose number was typed.
    case enter
    /// A step number given whole (a line from a pipe).
    case jump(Int)
    case glossary, help, quit, interrupt
    case signal(Int32)
    case endOfInput
    case unknown
}

/// The keys of `trace replay --step` (→ ← Home End, a number then Enter, g, ?, q), and the words a
/// line from a pipe may say instead, one per line.
enum ReplayKeys {
    static func command(for key: Key) -> ReplayMove {
        switch key {
        case .right, .space, .pageDown, .down, .character("n"), .character("N"): return .next
        case .enter: return .enter
        case .left, .pageUp, .up, .character("p"), .character("P"): return .previous
        case .home: return .first
        case .end: return .last
        case .backspace: return .eraseDigit
        case .character("g"), .character("G"): return .glossary
        case .character("?"), .character("h"), .character("H"): return .help
        case .character("q"), .character("Q"), .endOfTransmission: return .quit
        case .interrupt: return .interrupt
        case .character(let c) where c.isASCII && c.isNumber: return .digit(Int(String(c))!)
        case .line(let text): return command(forLine: text)
        default: return .unknown
        }
    }

    /// One line's word: empty or `n` next, `p` back, `home`, `end`, a number, `g`, `?`, `q`, in either
    /// language.
    static func command(forLine text: String) -> ReplayMove {
        let word = text.filter { !$0.isWhitespace }.lowercased()
        if let number = Int(word), number >= 0 { return .jump(number) }
        switch word {
        case "", "n", "next", "siguiente": return .next
        case "p", "b", "prev", "previous", "back", "anterior", "atrás", "atras": return .previous
        case "home", "first", "inicio", "primera": return .first
        case "end", "last", "fin", "última", "ultima": return .last
        case "g", "glossary", "glosario": return .glossary
        case "?", "h", "help", "ayuda", "teclas", "keys": return .help
        case "q", "quit", "salir": return .quit
        default: return .unknown
        }
    }
}
