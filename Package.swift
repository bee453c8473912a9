// swift-tools-version:6.0
import PackageDescription

// Layers, each importing only the ones below it:
//   TraceSockets (POSIX calls, typed errors, Start/Done hooks)
//   TraceEvents  (the TraceEvent value, sinks, JSON Lines) — knows nothing of sockets
//   TraceTerminal (file descriptors as text outputs, terminal size, modes and keys)
//   Tracing      (turns socket hooks into timed events)
//   TraceRender  (pure: events -> diagram lines)
//   TraceTeaching (scenarios, step conductor, lessons, glossary)
//   TraceCLI     (argument parsing, subcommands) -> executable `trace`
let package = Package(
    name: "trace",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trace", targets: ["trace"]),
        .executable(name: "trace-bench", targets: ["trace-bench"]),
    ],
    targets: [
        .target(name: "TraceSockets"),
        .target(name: "TraceEvents"),
        .target(name: "TraceTerminal", dependencies: ["TraceEvents"]),
        .target(name: "Tracing", dependencies: ["TraceSockets", "TraceEvents"]),
        .target(name: "TraceRender", dependencies: ["TraceEvents"]),
        .target(name: "TraceTeaching", dependencies: ["TraceSockets", "TraceEvents", "Tracing", "TraceRender"]),
        .target(name: "CPacket"),
        .target(name: "TracePackets", dependencies: ["CPacket", "TraceSockets"]),
        .target(name: "TraceCLI", dependencies: ["TraceSockets", "TraceEvents", "Tracing", "TraceRender", "TraceTeaching", "TraceTerminal"]),
        .executableTarget(name: "trace", dependencies: ["TraceCLI"]),
        .executableTarget(name: "trace-bench", dependencies: ["TraceSockets", "TraceEvents", "Tracing"]),
        .executableTarget(name: "trace-packets-probe", dependencies: ["TracePackets", "TraceSockets"]),
        .testTarget(name: "TraceSocketsTests", dependencies: ["TraceSockets", "TraceEvents", "Tracing"]),
        .testTarget(name: "TraceEventsTests", dependencies: ["TraceEvents"]),
        .testTarget(name: "TraceRenderTests", dependencies: ["TraceEvents", "TraceRender"], exclude: ["Golden"]),
        .testTarget(name: "TraceTeachingTests", dependencies: ["TraceSockets", "TraceEvents", "Tracing", "TraceRender", "TraceTeaching"]),
        .testTarget(name: "TracePacketsTests", dependencies: ["TracePackets", "TraceSockets", "trace-packets-probe"]),
        .testTarget(name: "TraceCLITests", dependencies: ["TraceCLI", "TraceEvents", "TraceSockets", "trace"]),
    ],
    swiftLanguageModes: [.v6]
)
