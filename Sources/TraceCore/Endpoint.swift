/// An address and port as events write them: `127.0.0.1:5000`, `[::1]:5000`. The one parser of that
/// form: every layer that needs the host or the port of an event's address asks it.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    /// Numeric text, without brackets: `127.0.0.1`, `::1`.
    public let host: String
    public let port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let digits = text[text.index(after: colon)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let port = Int(digits), port <= 65535 else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = port
    }

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `0.0.0.0` or `::`: every interface.
    public var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
