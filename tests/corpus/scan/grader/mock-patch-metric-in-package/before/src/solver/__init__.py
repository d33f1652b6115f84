from .qa import answer
