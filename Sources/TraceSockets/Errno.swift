/// An error number reported by the system, with the symbolic name a learner can look up.
public struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible, BitwiseCopyable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The symbolic name, such as `ECONNREFUSED`; `errno N` for a number this table does not know.
    public var name: String { Errno.names[rawValue] ?? "errno \(rawValue)" }

    public var description: String { "\(name): \(message)" }

    /// Every name the table above knows: the errors the tool can show by name.
    public static var knownNames: [String] { Array(Set(names.values)).sorted() }
}

/// An error reported by the name resolver, which has its own codes (`EAI_*`), not `errno`.
public struct ResolverError: Error, Hashable, Sendable {
    public let code: Int32
    public let name: String
    public let message: String
}
