"""What perf does, one module per job; views and tasks call these, never the reverse."""
