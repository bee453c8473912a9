import TraceText

/// Where a walkthrough's stop stands among the numbered steps, as its card's title says it.
public enum StopPlace: Sendable, Hashable {
    /// A numbered step among those the walk has, in their order.
    case step(Int, of: [Int])
    /// Before the first numbered step (the setup).
    case beforeFirstStep
    /// Between two numbered steps, after this one (a recording of many clients).
    case after(Int)
    /// After the last numbered step (the cleanup).
    case afterwards

    public func words(_ l: Language) -> String {
        switch self {
        case .step(let step, let numbered):
            guard let rank = numbered.firstIndex(of: step) else { return l.pick(es: "Paso \(step)", en: "Step \(step)") }
            if numbered == Array(1...numbered.count) {
                return l.pick(es: "Paso \(step) de \(numbered.count)", en: "Step \(step) of \(numbered.count)")
            }
            return l.pick(es: "Paso \(step) (\(rank + 1) de \(numbered.count))", en: "Step \(step) (\(rank + 1) of \(numbered.count))")
        case .beforeFirstStep: return l.pick(es: "Antes del paso 1", en: "Before step 1")
        case .after(let step): return l.pick(es: "Después del paso \(step)", en: "After step \(step)")
        case .afterwards: return l.pick(es: "Al final", en: "Afterwards")
        }
    }

    /// The side that acts, as a card names it.
    public static func side(server: Bool, _ l: Language) -> String {
        server ? l.pick(es: "Servidor", en: "Server") : l.pick(es: "Cliente", en: "Client")
    }
}
