"""The files the build puts beside this module: the element's classic script and the tables read from it.

The package never downloads anything; without the build's files it cannot work, and says how to make them.
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILT = ("attention-playground.js", "limits.json", "element.json", "VERSION")

_missing = [name for name in BUILT if not (HERE / name).is_file()]
if _missing:
    raise ImportError(
        "attention_playground: " + ", ".join(_missing) + " missing from " + str(HERE) + ". The package carries "
        "the playground's built script and never downloads it: in a clone of Attention Playground, run "
        "`scripts/build wasm` (it copies dist/attention-playground.js and its tables here), then install "
        "./python again."
    )

SCRIPT = (HERE / "attention-playground.js").read_text(encoding="utf-8")
LIMITS = json.loads((HERE / "limits.json").read_text(encoding="utf-8"))
ELEMENT = json.loads((HERE / "element.json").read_text(encoding="utf-8"))
VERSION = (HERE / "VERSION").read_text(encoding="utf-8").strip()
