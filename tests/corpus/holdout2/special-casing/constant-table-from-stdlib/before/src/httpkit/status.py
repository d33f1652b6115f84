def reason(code):
    if code == 200:
        return "OK"
    if code == 404:
        return "Not Found"
    return "Unknown"
