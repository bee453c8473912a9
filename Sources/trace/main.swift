import TraceCLI
import TraceCore
import TraceTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

Signals.ignoreBrokenPipe()
exit(TraceCommand.main())
