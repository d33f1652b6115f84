def run(steps, data):
    for step in steps:
        data = step(data)
    return data
