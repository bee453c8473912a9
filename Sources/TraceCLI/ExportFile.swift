#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceCore
import TraceExport
import TraceModel
import TraceTerminal
import TraceText

/// Where an export goes: a format and a file (or standard output), from `--export FORMAT:OUT` or from
/// `trace export --format F --output OUT`.
struct ExportTarget: Sendable {
    let format: ExportFormat
    /// nil: standard output.
    let path: String?

    /// `--export svg:class.svg`; nil without the option. A value without a format or a file is a usage error.
    static func option(_ arguments: ParsedArguments) throws(UsageError) -> ExportTarget? {
        guard let value = arguments.value("export") else { return nil }
        let shown = SafeWord.of(value)
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex, value.index(after: colon) != value.endIndex else {
            throw .badValue(es: "--export \(shown): se espera FORMATO:ARCHIVO, como svg:clase.svg (\(formats))",
                            en: "--export \(shown): expected FORMAT:FILE, such as svg:class.svg (\(formats))")
        }
        let format = try ExportTarget.format(String(value[..<colon]), option: "--export")
        return ExportTarget(format: format, path: String(value[value.index(after: colon)...]))
    }

    /// A format's name; anything else is a usage error.
    static func format(_ name: String, option: String) throws(UsageError) -> ExportFormat {
        guard let format = ExportFormat(rawValue: name.lowercased()) else {
            throw .badValue(es: "\(option) \(SafeWord.of(name)): se espera \(formats)", en: "\(option) \(SafeWord.of(name)): expected \(formats)")
        }
        return format
    }

    static let formats = ExportFormat.allCases.map(\.rawValue).joined(separator: "|")

    /// Creates the file (failing is one line, exit 73) and an exporter writing to it.
    func open(options: ExportOptions, diagram: DiagramOptions = DiagramOptions(), context: CommandContext) throws(CommandFailure) -> ExportFile {
        var file: FileOutput?
        if let path {
            do { file = try FileOutput.create(path: path) } catch {
                throw CommandFailure(message: "export: \(SafeWord.of(error.path)): \(FileErrorText.of(error.code, options.language))",
                                     status: ExitStatus.cannotCreate)
            }
        }
        let output: any TextOutput = file ?? context.output
        return ExportFile(exporter: DiagramExporter(format: format, options: options, diagram: diagram, output: output),
                          file: file, path: path, language: options.language)
    }
}

/// An export being written: an event sink until the run (or the recording) ends, then closed.
final class ExportFile: EventSink {
    let exporter: DiagramExporter
    private let file: FileOutput?
    private let path: String?
    private let language: Language

    init(exporter: DiagramExporter, file: FileOutput?, path: String?, language: Language) {
        self.exporter = exporter
        self.file = file
        self.path = path
        self.language = language
    }

    func receive(_ event: TraceEvent) { exporter.receive(event) }

    /// Writes the end of the document and closes the file; a file that could not be written whole
    /// is one line, exit 74.
    func finish() throws(CommandFailure) {
        exporter.finish()
        guard let file else { return }
        file.close()
        if let failure = file.failure {
            throw CommandFailure(message: "export \(SafeWord.of(path ?? "")): \(FileErrorText.of(failure.code, language))",
                                 status: ExitStatus.ioError)
        }
    }

    /// Removes a file left half-written by a failed export.
    func discard() {
        file?.close()
        if let path { _ = unlink(path) }
    }
}
