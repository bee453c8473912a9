/// Turns bytes from a peer (or from a recording) into text that is safe to put on a terminal:
/// printable characters stay as they are, everything else is escaped, so no control byte, escape
/// sequence, NUL or invalid UTF-8 ever reaches the screen raw.
///
/// Escapes: `\\`, `\n`, `\r`, `\t`, `\0`, `\xHH` for other control bytes and for bytes that are not
/// valid UTF-8, `\u{HHHH}` for invisible or direction-changing characters (C1 controls, format
/// characters such as U+202E, line and paragraph separators).
public enum SafeText {
    /// The escaped text of at most `limit` bytes of `bytes`, ending with `…` when bytes were left out.
    /// A multi-byte character is never split: the cut moves back to the start of that character.
    public static func escape<C: Collection>(_ bytes: C, limit: Int = .max) -> String where C.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ escape(UnsafeRawBufferPointer($0), limit: limit) }) {
            return text
        }
        return Array(bytes).withUnsafeBytes { escape($0, limit: limit) }
    }

    /// `escape` over raw memory: the form the tracer calls on every payload, so it has a fast path for
    /// the common case of plain printable ASCII.
    public static func escape(_ bytes: UnsafeRawBufferPointer, limit: Int = .max) -> String {
        let stop = min(max(limit, 0), bytes.count)
        var plain = 0
        while plain < stop, isPlain(bytes[plain]) { plain += 1 }
        if plain == stop {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<stop]), as: UTF8.self)
            return stop < bytes.count ? text + "…" : text
        }
        var out: [UInt8] = []
        out.reserveCapacity(stop + 16)
        out.append(contentsOf: bytes[0..<plain])
        var i = plain
        while i < stop {
            if isPlain(bytes[i]) {
                out.append(bytes[i])
                i += 1
                continue
            }
            let (scalar, length) = decode(bytes, at: i)
            if i + length > stop { break }
            if let scalar {
                if scalar == "\\" || needsEscape(scalar) { appendEscaped(scalar, to: &out) } else { out.append(contentsOf: bytes[i..<i + length]) }
            } else {
                appendHex(bytes[i], to: &out)
            }
            i += length
        }
        var text = String(decoding: out, as: UTF8.self)
        if i < bytes.count { text += "…" }
        return text
    }

    /// Printable ASCII that stands for itself (the backslash does not: it starts escapes).
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E && byte != 0x5C }

    /// Escapes any text that did not come from `escape` (a string read from a recording, say).
    /// Already-escaped text is left unchanged, so calling it twice is harmless.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { appendEscaped(scalar, to: &out) } else { out.append(contentsOf: UTF8.encode(scalar)!) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return false
        case 0..<0x20, 0x7F...0x9F: return true
        default: return isInvisible(scalar)
        }
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Appends the escape for a scalar that `needsEscape` (or a backslash).
    private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        func ascii(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        switch scalar {
        case "\\": ascii("\\\\")
        case "\n": ascii("\\n")
        case "\r": ascii("\\r")
        case "\t": ascii("\\t")
        case "\0": ascii("\\0")
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                appendHex(UInt8(scalar.value), to: &out)
            } else if scalar.value >= 0x80 && isInvisible(scalar) {
                ascii("\\u{")
                out.append(contentsOf: String(scalar.value, radix: 16, uppercase: true).utf8)
                ascii("}")
            } else {
                out.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendHex(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "x"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }

    /// Decodes one UTF-8 scalar at `i`: the scalar and its length, or nil and 1 for a byte that does
    /// not start a valid sequence (overlong forms, surrogates and values past U+10FFFF are invalid).
    private static func decode(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
        guard i + length <= bytes.count else { return (nil, 1) }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 3 ? 0x800 : (length == 4 ? 0x10000 : 0x80)
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }
}

extension SafeText {
    /// The bytes `escape` was given, from the text it made: the inverse of `escape` (`\n` is a newline
    /// again, `\xff` the byte 0xFF, `\u{202E}` that character). A backslash that starts no escape stands
    /// for itself. Without the `…` that marks a cut: the caller knows whether bytes were left out.
    public static func unescape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func hex(_ s: ArraySlice<Unicode.Scalar>) -> UInt32? {
            guard !s.isEmpty, s.count <= 8 else { return nil }
            return UInt32(String(String.UnicodeScalarView(s)), radix: 16)
        }
        while i < scalars.count {
            let s = scalars[i]
            guard s == "\\", i + 1 < scalars.count else {
                out.append(contentsOf: UTF8.encode(s)!)
                i += 1
                continue
            }
            switch scalars[i + 1] {
            case "\\": out.append(0x5C); i += 2
            case "n": out.append(0x0A); i += 2
            case "r": out.append(0x0D); i += 2
            case "t": out.append(0x09); i += 2
            case "0": out.append(0x00); i += 2
            case "x" where i + 3 < scalars.count:
                if let value = hex(scalars[(i + 2)...(i + 3)]) { out.append(UInt8(value)); i += 4 } else { out.append(0x5C); i += 1 }
            case "u" where i + 2 < scalars.count && scalars[i + 2] == "{":
                if let close = scalars[(i + 3)...].firstIndex(of: "}"), let value = hex(scalars[(i + 3)..<close]),
                   let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: UTF8.encode(scalar)!)
                    i = close + 1
                } else {
                    out.append(0x5C)
                    i += 1
                }
            default:
                out.append(0x5C)
                i += 1
            }
        }
        return out
    }
}
