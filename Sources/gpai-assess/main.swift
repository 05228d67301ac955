// Entry point; everything lives in Commands/ and Support/.
CommandLineMain.run()
