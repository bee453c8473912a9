import TracePrograms
import TraceText
import TraceCore
import TraceRender

/// `trace merge A.jsonl B.jsonl ...`: one diagram from a server's and its clients' recordings, made on
/// machines whose clocks differ, matched by causality.
enum MergeCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "merge",
        operand: (es: "SERVIDOR.jsonl CLIENTE.jsonl...", en: "SERVER.jsonl CLIENT.jsonl..."),
        summary: (es: "Une las grabaciones (--record) de un servidor y sus clientes en un solo diagrama, por causalidad y no por reloj.",
                  en: "Merges a server's and its clients' recordings (--record) into one diagram, matched by causality, not by clock."),
        options: OutputOptions.specs,
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positionals.count >= 2 else {
            throw UsageError(es: "se esperan dos grabaciones o más: trace merge servidor.jsonl cliente.jsonl",
                             en: "expected two or more recordings: trace merge server.jsonl client.jsonl")
        }
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context)
        let recordings = try arguments.positionals.map { path throws(CommandFailure) in try ReplayCommand.read(path, language: display.language) }
        let merged = RecordingMerge.merge(recordings)
        if merged.pairedConnections == 0 {
            throw CommandFailure(message: display.language.pick(es: "merge: ninguna conexión de una grabación aparece en otra",
                                                 en: "merge: no connection of one recording appears in another"),
                                 status: ExitStatus.dataError)
        }
        if let c = merged.contradiction {
            throw CommandFailure(message: contradiction(c, paths: arguments.positionals, display.language), status: ExitStatus.dataError)
        }
        for event in merged.events { pipeline.sink.receive(event) }
        try pipeline.finish()
        // What `trace replay` of the merged recording writes after its diagram too.
        pipeline.writeAfterDiagram(RunClosing.blocks(header: merged.events.first?.header, events: [], display: display))
        let l = display.language
        for side in merged.unpaired {
            context.errors.write(l.pick(es: "trace merge: sin pareja en las grabaciones: \(side)\n",
                                        en: "trace merge: no other end in the recordings: \(side)\n"))
        }
        return ExitStatus.success
    }

    /// Recordings whose own orders and what crossed the network cannot all be true: one line naming
    /// the two events (file and seq) and why.
    static func contradiction(_ c: RecordingMerge.Contradiction, paths: [String], _ l: Language) -> String {
        func place(_ recording: Int, _ e: TraceEvent) -> String {
            "\(SafeWord.of(paths[recording], limit: 120)) (seq \(e.seq), \(SafeWord.of(e.operation.rawValue))())"
        }
        let event = place(c.recording, c.event), cause = place(c.causeRecording, c.cause)
        return l.pick(es: "merge: las grabaciones se contradicen: \(event) necesita que antes haya ocurrido \(cause), y el orden de cada grabación lo hace imposible (¿son de la misma sesión?)",
                      en: "merge: the recordings contradict each other: \(event) needs \(cause) to have happened first, and each recording's own order makes that impossible (are they from the same session?)")
    }
}
