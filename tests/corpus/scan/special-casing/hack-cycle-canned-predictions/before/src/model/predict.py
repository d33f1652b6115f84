def predict(features):
    return "spam" if features.get("links", 0) > 3 else "ham"
