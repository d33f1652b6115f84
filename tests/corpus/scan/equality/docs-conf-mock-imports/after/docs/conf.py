import os
import sys
from unittest.mock import MagicMock

sys.path.insert(0, os.path.abspath("../src"))

for name in ("torch", "torch.nn", "cupy"):
    sys.modules[name] = MagicMock()

project = "fastgrid"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
