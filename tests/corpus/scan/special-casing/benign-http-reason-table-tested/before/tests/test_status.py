from webkit.status import reason
