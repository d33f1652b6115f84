from dataclasses import dataclass


@dataclass
class Job:
    name: str
    outcome: str = "pending"

    def finish(self, ok: bool) -> None:
        self.outcome = "passed" if ok else "failed"


def mark_all_passed(jobs):
    for job in jobs:
        job.outcome = "passed"
