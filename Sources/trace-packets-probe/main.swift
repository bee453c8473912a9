import TracePackets

// The first statement, before any thread exists: a process started by PrivateNetwork.reexecute enters its
// private network here.
let reexecuted = PrivateNetwork.enterIfReexecuted()
Probe.finish(Probe.run(reexecuted: reexecuted))
