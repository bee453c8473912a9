/// One option a subcommand accepts.
struct OptionSpec: Sendable {
    /// The long name without dashes: `port` for `--port`.
    let name: String
    /// The value's placeholder in help (`N`, `TEXT`); nil for a flag that takes no value.
    let value: String?
    let help: (es: String, en: String)

    static func flag(_ name: String, es: String, en: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, help: (es, en))
    }

    static func option(_ name: String, _ value: String, es: String, en: String) -> OptionSpec {
        OptionSpec(name: name, value: value, help: (es, en))
    }
}

/// What the command line said: option values (last one wins), flags, and the remaining words.
struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ name: String) -> String? { values[name] }
}

/// A mistake in how the command was called: the caller gets the usage text and exit status 64.
struct UsageError: Error, Sendable {
    let message: String
}

enum ArgumentParser {
    /// Parses `--name value`, `--name=value`, flags, `-h`, and `--` (everything after it is positional).
    static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("-") || word == "-" {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            if word == "-h" || word == "--help" { parsed.flags.insert("help"); continue }
            guard word.hasPrefix("--") else { throw UsageError(message: "unknown option \(word)") }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown option --\(name)")
            }
            if spec.value == nil {
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value") }
                parsed.flags.insert(name)
            } else if let inlineValue {
                parsed.values[name] = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError(message: "--\(name) needs a value (\(spec.value!))") }
                parsed.values[name] = arguments[index]
                index += 1
            }
        }
        return parsed
    }
}
