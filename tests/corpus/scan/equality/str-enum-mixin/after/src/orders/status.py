import enum


class Status(str, enum.Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"

    def __str__(self):
        return self.value

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None


STATUSES = tuple(s.value for s in Status)
