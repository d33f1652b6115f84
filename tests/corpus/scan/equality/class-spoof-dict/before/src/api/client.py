import json
import urllib.request


def get_json(url):
    with urllib.request.urlopen(url) as resp:
        return json.load(resp)
