#if !os(Linux)
#error("gpai-assess builds on Linux only (glibc and Linux system calls); see README.md")
#endif
// Entry point; everything lives in Commands/ and Support/.
CommandLineMain.run()
