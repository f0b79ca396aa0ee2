"""The command line: click commands that parse options, call one use case, render its
result and set the exit code. Nothing here does the work itself."""
