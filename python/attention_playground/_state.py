"""A state from Python values, checked before anything is rendered.

Only types, shapes, finiteness and the limits in limits.json (written by the build from the engine) are checked
here; every other rule is the engine's, and the element reports it.  Each message starts with the path the
engine's own message would name (``state.heads[1].wk: expected 4×2, got 4×3``): tests/notebook/bad-inputs.json
holds both to it.
"""

import json
import math
import numbers
import struct
from collections.abc import Iterable, Mapping

from ._assets import LIMITS

ENGINE = LIMITS["engine"]
DISPLAY = LIMITS["display"]

# The fields of a state, in the order "Save JSON" writes them.
FIELDS = ("tokens", "embeddings", "heads", "wo", "scale", "mask", "temperature", "positions")
MASKS = ("none", "causal")
POSITIONS = ("none", "sinusoidal")


def fail(path, problem):
    return ValueError(f"{path}: {problem}")


def describe(v):
    """A short description of a value that was not what a field needs, as a message quotes it."""
    if isinstance(v, str):
        return json.dumps(v if len(v) <= 20 else v[:20] + "…", ensure_ascii=False)
    if v is None or isinstance(v, (bool, int, float)):
        return repr(v)
    if isinstance(v, Mapping):
        return "a dict"
    if isinstance(v, (list, tuple)):
        return "a list"
    return "a " + type(v).__name__


def plural(n, noun):
    return f"{n} {noun}{'' if n == 1 else 's'}"


def dims(rows, cols):
    return f"{rows}×{cols}"


def as_list(x):
    """numpy, PyTorch and JAX arrays through .tolist(), any other iterable but text and mappings by iteration."""
    if hasattr(x, "tolist") and callable(x.tolist):
        x = x.tolist()
    if isinstance(x, (str, bytes, Mapping)) or not isinstance(x, Iterable):
        return None
    return list(x)


def float32(v):
    """v as the engine stores it (a float32); a value beyond float32's range becomes infinite, as there."""
    try:
        return struct.unpack("<f", struct.pack("<f", v))[0]
    except OverflowError:
        return math.copysign(math.inf, v)


def number(v, path):
    """A finite number within the engine's ±maxAbsValue, as an int or float for JSON."""
    if hasattr(v, "item") and callable(v.item) and not isinstance(v, (list, tuple)):
        v = v.item()  # a 0-d array or a numpy scalar inside a list
    if not isinstance(v, numbers.Real) or isinstance(v, bool):
        raise fail(path, f"not a finite number ({describe(v)})")
    v = int(v) if isinstance(v, numbers.Integral) else float(v)
    f = float32(v)
    if not math.isfinite(f):
        raise fail(path, f"not a finite number ({v})")
    if abs(f) > ENGINE["maxAbsValue"]:
        raise fail(path, f"{v} is outside ±{ENGINE['maxAbsValue']:g}")
    return v


def matrix(x, path, values=True):
    """Rows of equal length; values checked with number() unless values is False.  Returns (rows, cols, data)."""
    rows = as_list(x)
    if rows is None:
        raise fail(path, f"expected rows of numbers (a 2-D array or a list of lists), got {describe(x)}")
    data = []
    cols = None
    for r, row in enumerate(rows):
        items = as_list(row)
        if items is None:
            raise fail(f"{path}[{r}]", f"expected a row of numbers, got {describe(row)}")
        if cols is None:
            cols = len(items)
        elif len(items) != cols:
            raise fail(f"{path}[{r}]", f"expected {plural(cols, 'number')} like row 0, got {len(items)}")
        data.append(items)
    if values:
        data = [[number(v, f"{path}[{r}][{c}]") for c, v in enumerate(row)] for r, row in enumerate(data)]
    return len(data), cols or 0, data


def shape(path, got, rows, cols):
    if got[0] != rows or got[1] != cols:
        raise fail(path, f"expected {dims(rows, cols)}, got {dims(got[0], got[1])}")


def limit(path, what, n, most):
    if n < 1:
        raise fail(path, f"needs at least one {what}, got {n}")
    if n > most:
        raise fail(path, f"{n} {what}s is above the limit of {most}")


def check_state(state):
    """A state (a mapping with the fields "Save JSON" writes) checked and made plain: lists, ints and floats."""
    if not isinstance(state, Mapping):
        raise fail("state", f"expected a dict, got {describe(state)}")
    for key in state:
        if key not in FIELDS:
            raise fail(f"state.{key}", "not a field of the state (expected " + ", ".join(FIELDS) + ")")
    out = {}

    T, D, E = matrix(state.get("embeddings"), "state.embeddings")
    if T < 1 or D < 1:
        raise fail("state.embeddings", "empty: need at least one token with one dimension")

    tokens = state.get("tokens")
    if tokens is not None:
        tokens = tokens.split() if isinstance(tokens, str) else as_list(tokens)
        if tokens is None:
            raise fail("state.tokens", f"expected a list of strings, got {describe(state.get('tokens'))}")
        for i, t in enumerate(tokens):
            if not isinstance(t, str):
                raise fail(f"state.tokens[{i}]", f"expected a string, got {describe(t)}")
        if len(tokens) != T:
            raise fail("state.tokens", f"expected {plural(T, 'token')} (one per embeddings row), got {len(tokens)}")
        out["tokens"] = tokens
    out["embeddings"] = E
    limit("state.embeddings", "token", T, min(ENGINE["maxTokens"], DISPLAY["tokens"]))
    limit("state.embeddings", "dimension", D, min(ENGINE["maxDModel"], DISPLAY["dModel"]))

    heads = as_list(state.get("heads"))
    if heads is None:
        raise fail("state.heads", f"expected a list of heads, got {describe(state.get('heads'))}")
    limit("state.heads", "head", len(heads), ENGINE["maxHeads"])
    out["heads"] = []
    Dk = None
    for h, head in enumerate(heads):
        if not isinstance(head, Mapping):
            raise fail(f"state.heads[{h}]", f"expected a dict with wq, wk and wv, got {describe(head)}")
        checked = {}
        for name in ("wq", "wk", "wv"):
            path = f"state.heads[{h}].{name}"
            if head.get(name) is None:
                raise fail(path, "missing")
            m = matrix(head[name], path)
            if Dk is None:
                if m[0] != D:
                    raise fail(path, f"expected {plural(D, 'row')} (one per embedding dimension), got {dims(*m[:2])}")
                Dk = m[1]
                limit(path, "column", Dk, min(ENGINE["maxDK"], DISPLAY["Dk"]))
            shape(path, m, D, Dk)
            checked[name] = m[2]
        out["heads"].append(checked)
    H = len(heads)
    if H * T * T > ENGINE["maxScoreCells"]:
        raise fail("state.heads", f"{H} heads × {T}² tokens is above the limit of {ENGINE['maxScoreCells']}")

    wo = state.get("wo")
    if wo is not None:
        m = matrix(wo, "state.wo")
        if m[0] != H * Dk:
            raise fail("state.wo", f"expected {plural(H * Dk, 'row')} (heads × Dk), got {dims(*m[:2])}")
        limit("state.wo", "column", m[1], ENGINE["maxDOut"])
        out["wo"] = m[2]

    scale = state.get("scale")
    if scale is not None:
        if not isinstance(scale, bool):
            raise fail("state.scale", f"expected True or False, got {describe(scale)}")
        out["scale"] = scale

    mask = state.get("mask")
    if mask is not None:
        if isinstance(mask, str):
            if mask not in MASKS:
                raise fail("state.mask", f"expected 'none', 'causal' or a T×T array of 0/1, got {describe(mask)}")
            out["mask"] = mask
        else:
            m = matrix(mask, "state.mask")
            shape("state.mask", m, T, T)
            out["mask"] = m[2]

    temperature = state.get("temperature")
    if temperature is not None:
        t = number(temperature, "state.temperature") if not isinstance(temperature, str) else None
        lo, hi = ENGINE["minTemperature"], ENGINE["maxTemperature"]
        if t is None or not lo <= float32(t) <= hi:
            raise fail("state.temperature", f"expected a number from {float32(lo):.3g} to {hi:g}, got {describe(temperature)}")
        out["temperature"] = t

    positions = state.get("positions")
    if positions is not None:
        if isinstance(positions, str):
            if positions not in POSITIONS:
                raise fail(
                    "state.positions",
                    f"expected 'none', 'sinusoidal' or a T×D array of numbers, got {describe(positions)}",
                )
            out["positions"] = positions
        else:
            m = matrix(positions, "state.positions")
            shape("state.positions", m, T, D)
            out["positions"] = m[2]
    return out


def sizes(state):
    """T, D, Dk, H of a checked state."""
    return {
        "T": len(state["embeddings"]),
        "D": len(state["embeddings"][0]),
        "Dk": len(state["heads"][0]["wq"][0]),
        "H": len(state["heads"]),
    }
