"""The sodoan command run in a fresh interpreter, with the peak memory of that process."""

from __future__ import annotations

import subprocess
import sys

#: Runs the command, then prints the process's peak resident set (KiB). VmHWM is this process's
#: own peak; ru_maxrss would also count the memory of the (large) pytest process that forked it,
#: which Linux carries across exec.
_CODE = (
    "import sys\n"
    "from sodoan.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "except SystemExit:\n"
    "    pass\n"
    "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "print(int(status.split()[0]))\n"
)


def run_with_peak(*args: str) -> tuple[list[str], int]:
    """(the lines ``sodoan ARGS`` printed, its peak resident set in KiB); needs Linux /proc."""
    result = subprocess.run(
        [sys.executable, "-c", _CODE, *args], capture_output=True, text=True, check=False
    )
    lines = result.stdout.strip().splitlines()
    return lines[:-1], int(lines[-1])
