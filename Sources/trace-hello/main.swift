// trace-hello: a Swift hello world built the same way as `trace`, the yardstick of `trace-bench startup`.
print("Hello, world!")
