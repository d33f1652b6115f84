import logging
import logging.handlers


def configure(audit_path="audit.log", level="INFO"):
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    audit = logging.getLogger("payflow.audit")
    handler = logging.handlers.WatchedFileHandler(audit_path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    audit.addHandler(handler)
    audit.setLevel(logging.INFO)
    return audit
