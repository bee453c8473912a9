/// A failed socket call: what failed, and why, in the system's own terms.
public struct SocketError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case system(Errno)
        case resolver(ResolverError)
        /// A request this layer refuses before asking the system (an unparsable address, say).
        case invalid(String)
    }

    public let reason: Reason
    /// The call that failed.
    public let operation: SocketOperation

    public init(_ reason: Reason, operation: SocketOperation) {
        self.reason = reason
        self.operation = operation
    }

    init(_ errno: Errno, _ operation: SocketOperation) {
        self.init(.system(errno), operation: operation)
    }

    /// The error's symbolic name: `ECONNREFUSED`, `EAI_NONAME`, or `EINVAL` for a refused request.
    public var name: String {
        switch reason {
        case .system(let e): return e.name
        case .resolver(let r): return r.name
        case .invalid: return "EINVAL"
        }
    }

    /// The numeric code: errno, the resolver's code, or EINVAL.
    public var code: Int32 {
        switch reason {
        case .system(let e): return e.rawValue
        case .resolver(let r): return r.code
        case .invalid: return Errno.invalidArgument.rawValue
        }
    }

    /// The system's message for the error.
    public var message: String {
        switch reason {
        case .system(let e): return e.message
        case .resolver(let r): return r.message
        case .invalid(let why): return why
        }
    }

    /// The errno, when the system reported one.
    public var errno: Errno? {
        if case .system(let e) = reason { return e }
        return nil
    }

    public var description: String { "\(operation.rawValue)(): \(name): \(message)" }
}
