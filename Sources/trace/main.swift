import TraceCLI
import TraceCore
import TraceTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// First, while the process has one thread: `unshare` refuses a process with more.
let privateNetwork = TraceCommand.enterPrivateNetworkIfAsked()
Signals.ignoreBrokenPipe()
exit(TraceCommand.main(privateNetwork: privateNetwork))
