import TracePrograms
import TraceText
import TraceRender
import TraceTerminal

/// How a run or a recording is shown: the options `trace`, `trace replay` and the lessons share.
struct DisplayOptions: Sendable {
    var language: Language
    var style: DiagramStyle
    /// The width is the terminal's (no `--width`): a full screen follows it when it changes.
    var widthFollowsTerminal = false

    static let specs: [OptionSpec] = [
        .option("lang", "es|en", es: "idioma (por defecto, el del entorno: LC_ALL, LC_MESSAGES, LANG)",
                en: "language (default: from LC_ALL, LC_MESSAGES, LANG)"),
        .flag("ascii", es: "solo caracteres ASCII (sin dibujo de cajas ni acentos)",
              en: "pure ASCII (no box drawing, no accents)"),
        .option("color", "auto|always|never", es: "color: auto = solo en un terminal (TERM no dumb, sin NO_COLOR)",
                en: "colour: auto = only on a terminal (TERM not dumb, no NO_COLOR)"),
        .option("width", "N", es: "columnas, de 40 a 240 (por defecto, las del terminal; 80 si no se saben)",
                en: "columns, 40 to 240 (default: the terminal's; 80 when unknown)"),
    ]

    init(language: Language, style: DiagramStyle) {
        self.language = language
        self.style = style
    }

    init(_ arguments: ParsedArguments, _ context: CommandContext) throws(UsageError) {
        let language = try OptionValues.language(arguments, context)
        let color = try OptionValues.color(arguments).wantsColor(outputIsTerminal: context.outputIsTerminal,
                                                                  environment: context.environment)
        let range = DiagramStyle.minimumWidth...DiagramStyle.maximumWidth
        let asked = try OptionValues.integer("width", arguments, in: range, what: ("un número de columnas", "a number of columns"))
        let width = asked ?? min(max(context.terminalWidth ?? 80, range.lowerBound), range.upperBound)
        if asked == nil, let columns = context.terminalWidth, columns < range.lowerBound {
            context.errors.write(Self.tooNarrow(columns, language) + "\n")
        }
        self.init(language: language,
                  style: DiagramStyle(language: language, ascii: arguments.has("ascii"), color: color, width: width))
        widthFollowsTerminal = asked == nil
    }

    /// Why a terminal narrower than the narrowest diagram gets one anyway, in one line.
    static func tooNarrow(_ columns: Int, _ language: Language) -> String {
        let least = DiagramStyle.minimumWidth
        return language.pick(es: "trace: este terminal tiene \(columns) columnas y el diagrama necesita al menos \(least): se dibuja a \(least) y sus líneas se partirán",
                             en: "trace: this terminal is \(columns) columns wide and the diagram needs at least \(least): it is drawn at \(least) and its lines will wrap")
    }

    /// A title in this style: bold when coloured, folded to ASCII when asked, wrapped to the width;
    /// a blank line after it.
    func title(_ text: String) -> String {
        style.paragraph(text, tone: .heading).joined(separator: "\n") + "\n\n"
    }
}
