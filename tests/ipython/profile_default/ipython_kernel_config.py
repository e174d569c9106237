# Kernel settings for executing the notebooks headless (tests and benchmark).
# TensorFlow's C++ start-up lines are written to the process's file
# descriptors; without this they would land in cell outputs as stderr.
c = get_config()  # noqa: F821
c.IPKernelApp.capture_fd_output = False
c.HistoryManager.enabled = False
