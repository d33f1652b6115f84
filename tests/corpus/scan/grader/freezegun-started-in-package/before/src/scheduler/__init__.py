from .jobs import Job
