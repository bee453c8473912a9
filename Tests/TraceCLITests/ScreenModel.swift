import TraceText

/// A small model of a terminal screen: enough of VT100 and xterm to read back what `trace` draws
/// (text, cursor moves, erasing, the alternate screen, scrolling into a scrollback), so that a test
/// can see the screen as a person would after each key. Colour codes are read and ignored.
struct ScreenModel {
    private(set) var columns: Int
    private(set) var rows: Int
    /// The normal screen's lines that scrolled off its top, oldest first.
    private(set) var scrollback: [String] = []
    private var normal: [[Character]]
    private var alternate: [[Character]]
    private(set) var isAlternate = false
    private var row = 0
    private var column = 0
    private var savedCursor = (row: 0, column: 0)
    /// The cursor sits past the last column: the next character starts a new line.
    private var pendingWrap = false
    private var pending: [UInt8] = []

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        normal = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        alternate = normal
    }

    /// The screen as drawn from these bytes.
    init(columns: Int, rows: Int, bytes: [UInt8]) {
        self.init(columns: columns, rows: rows)
        feed(bytes)
    }

    /// The terminal changed size: rows and columns are kept or cut at the new size, as a terminal does
    /// before the program draws again.
    mutating func resize(columns: Int, rows: Int) {
        func fitted(_ grid: [[Character]]) -> [[Character]] {
            var grid = grid.map { line in
                line.count >= columns ? Array(line.prefix(columns)) : line + Array(repeating: " ", count: columns - line.count)
            }
            if grid.count > rows { grid.removeFirst(grid.count - rows) }
            while grid.count < rows { grid.append(Array(repeating: " ", count: columns)) }
            return grid
        }
        self.columns = columns
        self.rows = rows
        normal = fitted(normal)
        alternate = fitted(alternate)
        row = min(row, rows - 1)
        column = min(column, columns - 1)
        pendingWrap = false
    }

    /// The visible rows, trailing spaces removed.
    var lines: [String] { (isAlternate ? alternate : normal).map(Self.text) }

    /// Everything the normal screen holds: its scrollback, then its rows (trailing blank rows dropped).
    var normalHistory: [String] {
        var all = scrollback + normal.map(Self.text)
        while all.last == "" { all.removeLast() }
        return all
    }

    mutating func feed(_ bytes: [UInt8]) {
        pending += bytes
        var index = 0
        while index < pending.count {
            let used = step(pending, at: index)
            if used == 0 { break }
            index += used
        }
        pending.removeFirst(index)
    }

    /// Reads one item (a character, a control, an escape sequence) at `index`; how many bytes it took
    /// (0: it is not complete yet).
    private mutating func step(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x1B:
            return escape(bytes, at: index)
        case 0x0D:
            column = 0
            pendingWrap = false
            return 1
        case 0x0A:
            lineFeed()
            return 1
        case 0x08:
            column = max(column - 1, 0)
            pendingWrap = false
            return 1
        case 0x09:
            column = min((column / 8 + 1) * 8, columns - 1)
            return 1
        case 0x00..<0x20, 0x7F:
            return 1
        default:
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            guard index + length <= bytes.count else { return 0 }
            let text = String(decoding: bytes[index..<index + length], as: UTF8.self)
            for character in text { put(character) }
            return length
        }
    }

    private mutating func escape(_ bytes: [UInt8], at index: Int) -> Int {
        guard index + 1 < bytes.count else { return 0 }
        guard bytes[index + 1] == UInt8(ascii: "[") else { return 2 }
        var end = index + 2
        while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
        guard end < bytes.count else { return 0 }
        let body = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
        control(final: Character(UnicodeScalar(bytes[end])), parameters: body)
        return end - index + 1
    }

    private mutating func control(final: Character, parameters: String) {
        let isPrivate = parameters.hasPrefix("?")
        let numbers = parameters.drop { $0 == "?" }.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func number(_ i: Int, _ fallback: Int) -> Int { i < numbers.count ? (numbers[i] ?? fallback) : fallback }
        switch final {
        case "H", "f":
            row = min(max(number(0, 1), 1), rows) - 1
            column = min(max(number(1, 1), 1), columns) - 1
            pendingWrap = false
        case "A": row = max(row - max(number(0, 1), 1), 0); pendingWrap = false
        case "B": row = min(row + max(number(0, 1), 1), rows - 1); pendingWrap = false
        case "C": column = min(column + max(number(0, 1), 1), columns - 1); pendingWrap = false
        case "D": column = max(column - max(number(0, 1), 1), 0); pendingWrap = false
        case "J":
            switch number(0, 0) {
            case 2, 3: for r in 0..<rows { clear(row: r, from: 0) }
            default:
                clear(row: row, from: column)
                for r in (row + 1)..<max(rows, row + 1) where r < rows { clear(row: r, from: 0) }
            }
        case "K":
            switch number(0, 0) {
            case 1: for c in 0...min(column, columns - 1) { set(row, c, " ") }
            case 2: clear(row: row, from: 0)
            default: clear(row: row, from: column)
            }
        case "h" where isPrivate && number(0, 0) == 1049:
            guard !isAlternate else { return }
            savedCursor = (row, column)
            isAlternate = true
            alternate = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        case "l" where isPrivate && number(0, 0) == 1049:
            guard isAlternate else { return }
            isAlternate = false
            (row, column) = savedCursor
            pendingWrap = false
        default:
            break  // colours (m), the cursor's visibility (?25), anything else: no change to the text
        }
    }

    private mutating func put(_ character: Character) {
        let width = DisplayWidth.of(String(character))
        if width == 0 {
            // A combining mark joins the character before it.
            let c = max(column - 1, 0)
            set(row, c, Character(String(cell(row, c)) + String(character)))
            return
        }
        if pendingWrap || column + width > columns {
            column = 0
            lineFeed()
            pendingWrap = false
        }
        set(row, column, character)
        if width == 2, column + 1 < columns { set(row, column + 1, "\u{0}") }
        column += width
        if column >= columns {
            column = columns - 1
            pendingWrap = true
        }
    }

    private mutating func lineFeed() {
        pendingWrap = false
        if row < rows - 1 {
            row += 1
            return
        }
        if isAlternate {
            alternate.removeFirst()
            alternate.append(Array(repeating: " ", count: columns))
        } else {
            scrollback.append(Self.text(normal.removeFirst()))
            normal.append(Array(repeating: " ", count: columns))
        }
    }

    private func cell(_ r: Int, _ c: Int) -> Character { isAlternate ? alternate[r][c] : normal[r][c] }

    private mutating func set(_ r: Int, _ c: Int, _ character: Character) {
        guard r < rows, c < columns else { return }
        if isAlternate { alternate[r][c] = character } else { normal[r][c] = character }
    }

    private mutating func clear(row r: Int, from c: Int) {
        guard c < columns else { return }
        for k in c..<columns { set(r, k, " ") }
    }

    private static func text(_ cells: [Character]) -> String {
        var line = String(cells.filter { $0 != "\u{0}" })
        while line.last == " " { line.removeLast() }
        return line
    }
}

extension PseudoTerminal {
    /// Reads until the screen, as a person would see it, satisfies `predicate`.
    @discardableResult
    func read(untilScreen predicate: (ScreenModel) -> Bool, timeout: Double = 15) -> Bool {
        read(until: { _ in predicate(screenModel()) }, timeout: timeout)
    }
}
