def request(method, url):
    return {"method": method, "url": url}
