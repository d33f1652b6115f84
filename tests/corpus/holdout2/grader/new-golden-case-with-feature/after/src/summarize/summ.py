def summarize(text, n=1):
    sentences = [s.strip() for s in text.split(".") if s.strip()]
    return ". ".join(sentences[:n]) + "."
