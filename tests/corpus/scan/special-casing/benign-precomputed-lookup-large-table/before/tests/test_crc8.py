from pkt.crc8 import crc8
