class Sensor:
    def __init__(self, bus):
        self.bus = bus

    def read(self) -> float:
        raw = self.bus.read_word(0x48)
        return raw / 256
