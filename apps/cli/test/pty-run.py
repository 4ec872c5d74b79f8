"""Runs argv under a pseudo-terminal; answers prompts; prints what the terminal showed.

Usage: pty-run.py N EXPECT1 SEND1 ... EXPECTN SENDN ARGV...
Exits with the child's exit code (128 + signal when a signal ended it).
"""
import os
import pty
import select
import struct
import sys
import fcntl
import termios
import time

count = int(sys.argv[1])
pairs = [(sys.argv[2 + 2 * i], sys.argv[3 + 2 * i]) for i in range(count)]
argv = sys.argv[2 + 2 * count:]

pid, fd = pty.fork()
if pid == 0:
    os.execvpe(argv[0], argv, os.environ)

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
seen = b''
deadline = time.time() + 60
while True:
    if pairs and pairs[0][0].encode() in seen:
        time.sleep(0.2)
        os.write(fd, pairs.pop(0)[1].encode())
        seen = b''
    ready, _, _ = select.select([fd], [], [], 0.5)
    if fd in ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    if time.time() > deadline:
        os.kill(pid, 9)
        break

_, status = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
