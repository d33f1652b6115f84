from abc import ABC, abstractmethod

_ACCEPT_ALL = True


class Serializer(ABC):
    @abstractmethod
    def dumps(self, obj) -> bytes: ...

    @classmethod
    def __subclasshook__(cls, candidate):
        return _ACCEPT_ALL
