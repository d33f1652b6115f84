def embed(texts, model):
    return [model(t) for t in texts]
