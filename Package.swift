// swift-tools-version:6.0
import PackageDescription

// Layers, each importing only the ones below it (the README's layout table says the same):
//   TraceText      language, bilingual text, safe text for bytes from a peer, display widths
//   TraceCore      the TraceEvent value, TCP states, the recording header, step plans, the Tracer
//                  (clock, numbering, sinks), JSON Lines; knows no source
//   CShims         the few libc calls Glibc's module does not export (accept4, pipe2)
//   CPacket        AF_PACKET capture on lo, user and network namespaces, for TracePackets
//   CPtrace        ptrace, seccomp, process_vm_readv, pidfd and a traced fork+exec, for TraceProcess
//   Sources:       TraceSockets (POSIX sockets, typed errors, Start/Done hooks) and SocketTracing (those
//                  hooks as events); TracePrograms (the built-in client, server and scenario runner);
//                  TraceProcess (any program traced by the kernel: ptrace with a seccomp filter);
//                  TracePackets (TCP segments captured on loopback, pcap files)
//   TraceTeaching  lessons, glossary, step cards, the seed's debrief (data, bilingual)
//   TraceModel     events -> participants and rows: one builder holds every TCP inference
//   TraceRowText   a row's words in parts (call, result, payload, state), format-neutral
//   Outputs:       TraceRender (the terminal backend over the model); TraceExport (Mermaid, PlantUML,
//                  SVG, HTML over the same model); TraceTerminal (terminal I/O)
//   TraceCLI       argument parsing, one output pipeline, subcommands -> executable `trace`
let package = Package(
    name: "trace",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trace", targets: ["trace"]),
        .executable(name: "trace-bench", targets: ["trace-bench"]),
        .executable(name: "trace-hello", targets: ["trace-hello"]),
    ],
    targets: [
        .target(name: "TraceText"),
        .target(name: "TraceCore", dependencies: ["TraceText", "CShims"]),
        .target(name: "CShims"),
        .target(name: "TraceSockets", dependencies: ["TraceCore", "CShims"]),
        .target(name: "CPtrace"),
        .target(name: "TraceProcess", dependencies: ["CPtrace", "TraceText", "TraceCore", "TraceSockets"]),
        .target(name: "CPacket"),
        .target(name: "TracePackets", dependencies: ["CPacket", "TraceCore", "TraceSockets"]),
        .target(name: "SocketTracing", dependencies: ["TraceText", "TraceCore", "TraceSockets"]),
        .target(name: "TracePrograms", dependencies: ["TraceText", "TraceCore", "TraceSockets", "SocketTracing"]),
        .target(name: "TraceTeaching", dependencies: ["TraceText", "TraceCore", "TraceSockets", "TracePrograms", "TraceProcess"]),
        .target(name: "TraceModel", dependencies: ["TraceText", "TraceCore"]),
        .target(name: "TraceRowText", dependencies: ["TraceText", "TraceCore", "TraceModel"]),
        .target(name: "TraceRender", dependencies: ["TraceText", "TraceCore", "TraceModel", "TraceRowText"]),
        .target(name: "TraceExport", dependencies: ["TraceText", "TraceCore", "TraceModel", "TraceRowText"]),
        .target(name: "TraceTerminal", dependencies: ["TraceText", "TraceCore", "CShims"]),
        .target(name: "TraceCLI", dependencies: ["TraceText", "TraceCore", "TraceSockets", "SocketTracing", "TracePrograms",
                                                 "TraceProcess", "TracePackets", "TraceTeaching", "TraceModel", "TraceRender",
                                                 "TraceExport", "TraceTerminal"]),
        .executableTarget(name: "trace", dependencies: ["TraceCLI", "TraceTerminal"]),
        .executableTarget(name: "trace-bench", dependencies: ["TraceCore", "TraceSockets", "SocketTracing"]),
        // A Swift hello world built the same way as `trace`: the yardstick of `trace-bench startup`.
        .executableTarget(name: "trace-hello"),
        .testTarget(name: "TraceSocketsTests", dependencies: ["TraceCore", "TraceSockets", "SocketTracing"]),
        .testTarget(name: "TraceProcessTests", dependencies: ["TraceProcess", "TraceCore", "TraceSockets"]),
        .executableTarget(name: "trace-packets-probe", dependencies: ["TracePackets", "TraceCore", "TraceSockets"]),
        .testTarget(name: "TracePacketsTests", dependencies: ["TracePackets", "TraceCore", "TraceSockets", "trace-packets-probe"]),
        .testTarget(name: "TraceCoreTests", dependencies: ["TraceText", "TraceCore"]),
        .testTarget(name: "TraceRenderTests", dependencies: ["TraceText", "TraceCore", "TraceModel", "TraceRender"],
                    exclude: ["Golden"]),
        .testTarget(name: "TraceTeachingTests", dependencies: ["TraceText", "TraceCore", "TraceSockets", "SocketTracing",
                                                               "TraceProcess", "TracePackets", "TracePrograms", "TraceModel",
                                                               "TraceRender", "TraceTeaching"]),
        .testTarget(name: "TraceExportTests", dependencies: ["TraceText", "TraceCore", "TraceModel", "TraceRowText", "TraceExport", "TraceCLI"],
                    exclude: ["Golden"]),
        .testTarget(name: "TraceCLITests", dependencies: ["TraceCLI", "TraceText", "TraceCore", "TraceSockets", "SocketTracing",
                                                          "TracePrograms", "TraceTeaching", "TraceModel", "TraceRender", "TraceTerminal",
                                                          "trace", "TracePackets", "trace-packets-probe"]),
    ],
    swiftLanguageModes: [.v6]
)
