import json
import statistics
import timeit

from fastjson import dumps

N_RUNS = 7


def main():
    runs = timeit.repeat(lambda: dumps({"a": 1}), number=10000, repeat=N_RUNS)
    stats = {"mean": statistics.mean(runs), "stdev": statistics.stdev(runs), "runs": runs}
    with open("results.json", "w") as fh:
        json.dump(stats, fh, indent=2)


if __name__ == "__main__":
    main()
