import Foundation
import TraceTeaching

/// The repository's `Lessons/` folder, read from disk: the source of truth the embedded copy follows.
enum LessonFiles {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons")
    }

    /// Every Markdown file under `Lessons/`, by path relative to it, sorted.
    static func all() throws -> [SourceFile] {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [SourceFile] = []
        for case let relative as String in walker where relative.hasSuffix(".md") {
            let data = try Data(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(relative))
            files.append(SourceFile(name: relative, text: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.name < $1.name }
    }

    /// The library as `Lessons/` holds it now.
    static func library() throws -> LessonLibrary {
        let (library, errors) = LessonLibrary.load(try all())
        guard let library else { throw LessonErrors(errors: errors) }
        return library
    }
}

struct LessonErrors: Error, CustomStringConvertible {
    let errors: [LessonFormatError]
    var description: String { errors.map(\.description).joined(separator: "\n") }
}
