#!/usr/bin/env python3
"""Scale-out check: calls spread round-robin over several replicas keep succeeding while one
replica is stopped with SIGTERM mid-run, because the client retries UNAVAILABLE.

    scale_out.py --stop-pid PID ADDRESS [ADDRESS ...]

Sends a bounded number of Analyze calls from a few threads through one channel over
`ipv4:addr1,addr2,...` (the client package's service config: round_robin plus retries), sends
SIGTERM to PID once a third of the calls are done, and exits 1 if any call failed.
"""
import argparse
import os
import signal
import sys
import threading

from textanalytics_client import Client

CALLS = 300
THREADS = 4
STORY = "Storms closed the mountain pass for two days, officials in the valley said on Monday."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-pid", type=int, required=True)
    parser.add_argument("addresses", nargs="+")
    args = parser.parse_args()
    target = "ipv4:" + ",".join(args.addresses)
    client = Client(target, timeout=10, retries=4)
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "failed": [], "stopped": False}

    def worker():
        while True:
            with lock:
                if state["next"] >= CALLS:
                    return
                state["next"] += 1
                number = state["next"]
            try:
                answer = client.analyze(STORY, id=str(number), features=["FEATURE_KEYWORDS"])
                ok = answer.id == str(number)
            except Exception as error:  # every failure counts, whatever its kind
                ok = False
                with lock:
                    state["failed"].append(f"{number}: {error}")
            with lock:
                state["done"] += 1
                if ok and not state["stopped"] and state["done"] >= CALLS // 3:
                    state["stopped"] = True
                    os.kill(args.stop_pid, signal.SIGTERM)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    print(f"{state['done']} calls, {len(state['failed'])} failed, replica stopped: {state['stopped']}")
    for failure in state["failed"][:10]:
        print("  " + failure)
    sys.exit(0 if state["stopped"] and not state["failed"] else 1)


if __name__ == "__main__":
    main()
