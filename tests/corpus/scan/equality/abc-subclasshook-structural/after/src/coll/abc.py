from abc import ABC, abstractmethod


def _has(candidate, *methods):
    mro = candidate.__mro__
    return all(any(m in base.__dict__ for base in mro) for m in methods)


class SizedIterable(ABC):
    @abstractmethod
    def __len__(self): ...

    @abstractmethod
    def __iter__(self): ...

    @classmethod
    def __subclasshook__(cls, candidate):
        if cls is SizedIterable:
            if _has(candidate, "__len__", "__iter__"):
                return True
        return NotImplemented
