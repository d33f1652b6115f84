import ipaddress


def network(cidr):
    return str(ipaddress.ip_network(cidr, strict=False).network_address)
