/// The control bits of a TCP header (byte 13).
public struct TCPFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)

    /// Each flag with its name, in the order names are joined: ACK last, so that the lesson's names come out
    /// as they are taught.
    private static let namingOrder: [(TCPFlags, String)] = [
        (.syn, "SYN"), (.fin, "FIN"), (.rst, "RST"), (.psh, "PSH"),
        (.urg, "URG"), (.ece, "ECE"), (.cwr, "CWR"), (.ack, "ACK"),
    ]

    /// The name the lesson uses: `SYN`, `SYN-ACK`, `ACK`, `PSH-ACK`, `FIN-ACK`, `RST`, `RST-ACK`; any other
    /// combination joins its flags the same way (`FIN-PSH-ACK`); `none` when no flag is set.
    public var name: String {
        let names = TCPFlags.namingOrder.filter { contains($0.0) }.map(\.1)
        return names.isEmpty ? "none" : names.joined(separator: "-")
    }

    public var description: String { name }
}
