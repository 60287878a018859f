#!/usr/bin/env python3
"""keylatency.py - keystroke echo latency of a tmux pane.

    keylatency.py SOCKET CONFIG TARGET SECONDS PREFIX

Types « PREFIX1 », « PREFIX2 »... (a space before each) into the tmux pane
TARGET of the private server SOCKET (tmux -L SOCKET -f CONFIG), one
word every 0.1 s for SECONDS seconds, and measures for each the time
from send-keys to the word on screen (capture-pane polled every 2 ms).
Prints « n=N max=MS p50=MS p99=MS last=WORD » on stdout; a word that
never shows within 10 s counts as 10000 ms.
"""
import subprocess
import sys
import time


def tmux(sock, conf, *args):
    return subprocess.run(["tmux", "-u", "-L", sock, "-f", conf] + list(args),
                          capture_output=True, text=True).stdout


def main():
    sock, conf, target, seconds, prefix = sys.argv[1:6]
    end = time.monotonic() + float(seconds)
    lat = []
    k = 0
    word = ""
    while time.monotonic() < end:
        k += 1
        word = "%s%d" % (prefix, k)
        t0 = time.monotonic()
        tmux(sock, conf, "send-keys", "-t", target, "-l", " " + word)
        while True:
            if word in tmux(sock, conf, "capture-pane", "-p", "-t", target):
                break
            if time.monotonic() - t0 > 10:
                break
            time.sleep(0.002)
        lat.append((time.monotonic() - t0) * 1000)
        time.sleep(0.1)
    lat.sort()
    n = len(lat)
    print("n=%d max=%d p50=%d p99=%d last=%s" % (
        n, lat[-1], lat[n // 2], lat[min(n - 1, (n * 99) // 100)], word))


if __name__ == "__main__":
    main()
