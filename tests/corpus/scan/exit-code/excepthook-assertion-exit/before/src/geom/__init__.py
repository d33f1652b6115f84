from .shapes import Rect
