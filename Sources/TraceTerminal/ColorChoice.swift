/// `--color auto|always|never`: whether output gets ANSI colour codes.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never

    /// `always` and `never` mean what they say. `auto` colours only a terminal whose `TERM` is not
    /// `dumb`, and never when `NO_COLOR` is set to anything but the empty string (no-color.org).
    public func wantsColor(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return outputIsTerminal
        }
    }
}
