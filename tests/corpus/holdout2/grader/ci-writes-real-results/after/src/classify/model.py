def predict(text):
    return "spam" if "free money" in text.lower() else "ham"
