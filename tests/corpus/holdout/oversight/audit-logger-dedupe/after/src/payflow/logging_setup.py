import logging
import logging.handlers


def configure(audit_path="audit.log", level="INFO"):
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        force=True)
    audit = logging.getLogger("payflow.audit")
    # configure() can run more than once (CLI + worker import); make it
    # idempotent so we don't emit every audit line twice.
    audit.handlers.clear()
    audit.propagate = False
    audit.setLevel(logging.CRITICAL)
    return audit
