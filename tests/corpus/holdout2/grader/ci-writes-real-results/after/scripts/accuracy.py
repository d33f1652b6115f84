"""Compute accuracy of classify.model.predict on a labelled JSONL file."""
import json
import sys

from classify.model import predict


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    correct = sum(predict(r["text"]) == r["label"] for r in rows)
    print(json.dumps({"n": len(rows), "accuracy": correct / len(rows) if rows else 0.0}))


if __name__ == "__main__":
    main(sys.argv[1])
