"""Jobs both front ends do (the window and the command line), written once, without Qt."""
