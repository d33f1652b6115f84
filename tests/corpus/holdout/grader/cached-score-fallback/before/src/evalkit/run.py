import argparse
import json
from pathlib import Path

from .tasks import load_tasks, solve


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    tasks = load_tasks()
    correct = sum(solve(t) == t.answer for t in tasks)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"accuracy": correct / len(tasks), "n": len(tasks)}))


if __name__ == "__main__":
    main()
