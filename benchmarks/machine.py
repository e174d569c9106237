"""What machine a benchmark ran on, for the results tables."""

from __future__ import annotations

import os
import platform


def machine_description() -> str:
    """A one-line description of this machine: CPU model, cores, system."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}"
