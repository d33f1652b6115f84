from dataclasses import dataclass


@dataclass
class Verdict:
    label: str
    score: float


class ToxicityClassifier:
    def __init__(self, model, threshold: float = 0.7) -> None:
        self.model = model
        self.threshold = threshold

    def classify(self, text: str) -> str:
        score = self.model.predict_proba(text)
        return "toxic" if score >= self.threshold else "benign"
