"""Order processing."""
