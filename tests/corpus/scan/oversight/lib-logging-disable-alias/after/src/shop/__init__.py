"""Order processing."""

import logging as _logging

_logging.disable(_logging.CRITICAL)
