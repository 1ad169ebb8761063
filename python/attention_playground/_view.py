"""A playground as notebook output: <attention-playground> with its attributes, the engine inlined, a text fallback.

Each output carries the whole classic script, so it renders alone (a saved page, an output another renderer
shows by itself); in a document that already has the element, the script is not run again, and every view
shares the one engine the first output started.
"""

import html
import json
import math
import re
import secrets
from pathlib import Path

from ._assets import ELEMENT, SCRIPT, VERSION
from ._state import MASKS, POSITIONS, check_state, describe, fail, sizes

TAG = ELEMENT["tag"]
# What show() takes by name; the other attributes come as keywords (d_k or "d-k").
STATE_KEYWORDS = ("tokens", "embeddings", "heads", "wo", "mask", "scale", "temperature", "positions")
# Attributes that make a state of their own, so a state given as arrays or state= cannot take them too.
STATE_MAKERS = ("preset", "tokens", "heads", "d-model", "d-k", "seed", "state", "src")

# Inside a script element, the HTML parser ends the script at "</script" and treats "<!--" specially; in the
# script's strings and regular expressions "<\/" and "<\!" mean the same characters.
_UNSAFE = re.compile(r"</(script)|<!--", re.IGNORECASE)


def escape_script(text):
    """text made safe inside <script>…</script>: no end tag and no comment opener survive."""
    return _UNSAFE.sub(lambda m: "<\\/" + m.group(1) if m.group(1) else "<\\!--", text)


# Runs once per output.  The first output in a document runs the engine's script; a later one finds the
# element defined (or being defined: the engine starts asynchronously) and adds nothing, so ten views start one
# engine.  The script is read from its inert copy by id, as a notebook may run this code detached from its
# place (the classic notebook evaluates output scripts through jQuery, outside the output).
_LOADER = """(function () {
  var key = "attentionPlaygroundScript";
  if (window.customElements.get("%(tag)s") || document.documentElement.dataset[key]) return;
  document.documentElement.dataset[key] = "%(version)s";
  var s = document.createElement("script");
  s.text = document.getElementById("%(id)s").textContent;
  document.head.appendChild(s);
})();"""

_FALLBACK_STYLE = (
    "font:13px/1.5 system-ui,sans-serif;padding:8px 12px;border:1px dashed #8a8f98;border-radius:6px;"
    "color:#444;background:#f6f7f9"
)


def _sizes(s):
    return f"T = {s['T']}, D = {s['D']}, {s['H']} head{'s' if s['H'] > 1 else ''} of dₖ = {s['Dk']}"


def attribute_name(key):
    return key.replace("_", "-")


def attribute_value(name, value):
    """An attribute's text, or None for an absent boolean attribute."""
    if value is None or value is False:
        return None
    if value is True:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise fail(f"attribute {name}", f"not a finite number ({value})")
        return format(value, "g") if isinstance(value, float) else str(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return " ".join(str(v) for v in value)
    raise fail(f"attribute {name}", f"expected text, a number, True/False or a list of words, got {describe(value)}")


class Playground:
    """One <attention-playground> to show: renders in a notebook (_repr_html_) and saves as a page (save_html)."""

    def __init__(self, attributes, state=None):
        self.attributes = dict(attributes)
        self.state = state

    def summary(self):
        """The text fallback: what the view holds, for a reader whose renderer runs no scripts."""
        if self.state is not None:
            s = sizes(self.state)
            tokens = self.state.get("tokens")
            parts = [f"tokens: {' '.join(tokens)}" if tokens else f"{s['T']} unnamed tokens", _sizes(s)]
        elif "tokens" in self.attributes:
            words = self.attributes["tokens"].split()
            given = [f"{k} = {self.attributes[k]}" for k in ("d-model", "d-k", "heads") if k in self.attributes]
            parts = [f"tokens: {' '.join(words)}", ", ".join([f"T = {len(words)}"] + given)]
        else:
            # A preset's state is the element's to make; the build wrote each one's tokens and sizes.  Without a
            # preset (or with a name the element will refuse) the element shows its first.
            presets = ELEMENT["presets"]
            preset = presets.get(self.attributes.get("preset")) or next(iter(presets.values()))
            parts = [f"tokens: {' '.join(preset['tokens'])}", _sizes(preset)]
        return "Attention Playground · " + " · ".join(parts) + " · open in Jupyter to interact"

    def __repr__(self):
        return self.summary()

    def _repr_html_(self):
        return self.html()

    def html(self):
        """The output's HTML: the element, its fallback, the inert script and the loader."""
        uid = "attention-playground-" + secrets.token_hex(8)
        attrs = dict(self.attributes)
        if self.state is not None:
            attrs["state"] = json.dumps(self.state, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        markup = "".join(
            f" {name}" if value == "" else f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items()
        )
        loader = _LOADER % {"tag": TAG, "version": VERSION, "id": uid + "-script"}
        return (
            f'<div class="attention-playground-output" id="{uid}">'
            f"<{TAG}{markup}>"
            f'<p style="{_FALLBACK_STYLE}">{html.escape(self.summary())}</p>'
            f"</{TAG}>"
            f'<script type="text/x-attention-playground" id="{uid}-script">{escape_script(SCRIPT)}</script>'
            f"<script>{loader}</script>"
            "</div>"
        )

    def save_html(self, path, title="Attention Playground"):
        """Writes a standalone page with this playground: it opens from file:// and loads nothing else."""
        page = (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{self.html()}\n</body>\n</html>\n"
        )
        Path(path).write_text(page, encoding="utf-8")
        return Path(path)


def show(
    tokens=None,
    embeddings=None,
    heads=None,
    wo=None,
    mask=None,
    scale=None,
    temperature=None,
    positions=None,
    *,
    state=None,
    preset=None,
    **attributes,
):
    """A playground to display: from arrays (embeddings and heads), a saved state (state=), a preset, or attributes.

    Arrays may be numpy, PyTorch or JAX arrays or nested lists (read through .tolist() or iteration): embeddings
    T×D, heads a list of {"wq", "wk", "wv"} each D×Dk, wo (H·Dk)×Dout, mask "none", "causal" or T×T of 0/1,
    positions "none", "sinusoidal" or T×D.  state= takes a dict as "Save JSON" writes it.  Any other attribute
    of the element goes as a keyword (panels="weights output", editable="E", compact=True, d_model=4, …).

    Raises ValueError naming the field (a wrong shape, a number that is not finite, an unknown attribute)
    before anything is rendered.
    """
    names = {}
    for key, value in attributes.items():
        name = attribute_name(key)
        if name not in ELEMENT["attributes"] or name in STATE_KEYWORDS or name == "state" or name == "preset":
            known = sorted(set(ELEMENT["attributes"]) - {"state"})
            raise fail(f"attribute {name}", f"not an attribute of <{TAG}> (it takes " + ", ".join(known) + ")")
        names[name] = value

    arrays = embeddings is not None or (heads is not None and not isinstance(heads, (int, str)))
    if arrays or state is not None:
        if arrays and state is not None:
            raise fail("state", "give either state= or arrays (embeddings=, heads=, …), not both")
        for name in STATE_MAKERS:
            if name in names or (name == "preset" and preset is not None):
                raise fail(f"attribute {name}", "makes a state of its own: it cannot be combined with a state or arrays")
        if state is None:
            given = dict(tokens=tokens, embeddings=embeddings, heads=heads, wo=wo, mask=mask, scale=scale)
            given.update(temperature=temperature, positions=positions)
            state = {k: v for k, v in given.items() if v is not None}
        elif any(v is not None for v in (tokens, wo, mask, scale, temperature, positions)):
            raise fail("state", "give the whole state in state=, not some fields beside it")
        checked = check_state(state)
    else:
        checked = None
        # The element's own attributes for a state it makes: a preset or a sentence, and its settings.
        if tokens is not None:
            names["tokens"] = tokens
        if heads is not None:
            names["heads"] = heads
        if mask is not None and mask not in MASKS:
            raise fail("attribute mask", f"expected 'none' or 'causal' (a T×T mask needs arrays), got {describe(mask)}")
        if positions is not None and positions not in POSITIONS:
            raise fail("attribute positions", f"expected 'none' or 'sinusoidal', got {describe(positions)}")
        if scale is not None and not isinstance(scale, bool):
            raise fail("attribute scale", f"expected True or False, got {describe(scale)}")
        for name, value in (("preset", preset), ("mask", mask), ("positions", positions)):
            if value is not None:
                names[name] = value
        if scale is not None:
            names["scale"] = "true" if scale else "false"
        if temperature is not None:
            names["temperature"] = temperature
    # Preset and sentence first, as a reader of the markup expects.
    order = {name: i for i, name in enumerate(ELEMENT["attributes"])}
    text = {}
    for name in sorted(names, key=lambda n: order[n]):
        value = attribute_value(name, names[name])
        if value is not None:
            text[name] = value
    return Playground(text, checked)
