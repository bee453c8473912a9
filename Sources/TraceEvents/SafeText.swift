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
    public static func escape<C: Collection>(_ bytes: C, limit: Int = .max) -> String where C.Element == UInt8, C.Index == Int {
        var out = ""
        var i = bytes.startIndex
        let end = bytes.endIndex
        let stop = limit >= bytes.count ? end : bytes.startIndex + limit
        while i < stop {
            let (scalar, length) = decode(bytes, at: i, end: end)
            if i + length > stop { break }
            if let scalar { appendEscaped(scalar, to: &out) } else { appendHex(bytes[i], to: &out) }
            i += length
        }
        if i < end { out += "…" }
        return out
    }

    /// Escapes any text that did not come from `escape` (a string read from a recording, say).
    /// Already-escaped text is left unchanged, so calling it twice is harmless.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { appendEscaped(scalar, to: &out) } else { out.unicodeScalars.append(scalar) }
        }
        return out
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

    private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\0": out += "\\0"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                appendHex(UInt8(scalar.value), to: &out)
            } else if scalar.value >= 0x80 && isInvisible(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    private static func appendHex(_ byte: UInt8, to out: inout String) {
        let hex = String(byte, radix: 16)
        out += byte < 16 ? "\\x0" + hex : "\\x" + hex
    }

    /// Decodes one UTF-8 scalar at `i`: the scalar and its length, or nil and 1 for a byte that does
    /// not start a valid sequence (overlong forms, surrogates and values past U+10FFFF are invalid).
    private static func decode<C: Collection>(_ bytes: C, at i: Int, end: Int) -> (Unicode.Scalar?, Int) where C.Element == UInt8, C.Index == Int {
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
        guard i + length <= end else { return (nil, 1) }
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
