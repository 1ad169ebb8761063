"""show() and its output: arrays in, the element's markup out, with the engine inlined and a text fallback."""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from html.parser import HTMLParser
from pathlib import Path

import attention_playground as ap
from attention_playground._view import escape_script

PACKAGE = Path(ap.__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[2]


class FakeArray:
    """What numpy, PyTorch and JAX arrays have in common for show(): .tolist()."""

    def __init__(self, rows):
        self.rows = rows

    def tolist(self):
        return [list(r) for r in self.rows]


class Elements(HTMLParser):
    """The <attention-playground> elements of a page, with their attributes, and the scripts' types."""

    def __init__(self, text):
        super().__init__()
        self.elements, self.scripts = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "attention-playground":
            self.elements.append(dict(attrs))
        if tag == "script":
            self.scripts.append(dict(attrs).get("type"))


def head(D, Dk, k=0):
    return {name: [[(i + j + k + n) % 3 - 1 for j in range(Dk)] for i in range(D)] for n, name in enumerate(("wq", "wk", "wv"))}


class Arrays(unittest.TestCase):
    def state_of(self, view):
        (element,) = Elements(view._repr_html_()).elements
        return json.loads(element["state"])

    def test_array_likes_become_lists(self):
        E = [[0.5, -1.25], [2.0, 0.1], [1e-7, 3.0]]
        view = ap.show(
            tokens=("a", "b", "c"),
            embeddings=FakeArray(E),
            heads=[{"wq": FakeArray([[1, 0], [0, 1]]), "wk": ((1, 0), (0, 1)), "wv": iter([[1, 2], [3, 4]])}],
            mask=[FakeArray([[1, 0, 0]]).tolist()[0], (1, 1, 0), [1, 1, 1]],
            temperature=0.5,
        )
        state = self.state_of(view)
        self.assertEqual(state["embeddings"], E)  # floats round-trip exactly through JSON
        self.assertEqual(state["heads"][0]["wv"], [[1, 2], [3, 4]])
        self.assertEqual(state["tokens"], ["a", "b", "c"])
        self.assertEqual(state["mask"], [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
        self.assertEqual(state["temperature"], 0.5)

    def test_numpy_arrays_and_scalars(self):
        try:
            import numpy as np
        except ImportError:
            self.skipTest("numpy is not installed")
        rng = np.random.default_rng(7)
        E = rng.normal(size=(4, 3)).astype(np.float32)
        heads = [{k: rng.normal(size=(3, 2)) for k in ("wq", "wk", "wv")} for _ in range(2)]
        state = self.state_of(ap.show(embeddings=E, heads=heads, wo=np.eye(4), temperature=np.float64(2)))
        self.assertEqual(state["embeddings"], E.tolist())
        self.assertEqual(state["heads"][1]["wk"], heads[1]["wk"].tolist())
        self.assertEqual(state["temperature"], 2.0)
        # A list of numpy rows and numpy scalars in a list.
        state = self.state_of(ap.show(embeddings=list(E), heads=[{k: [list(r) for r in v] for k, v in heads[0].items()}]))
        self.assertEqual(state["embeddings"], E.tolist())

    def test_a_saved_state_goes_through_as_it_is(self):
        saved = {"tokens": ["x", "y"], "embeddings": [[1, 0], [0, 1]], "heads": [head(2, 2)], "wo": None,
                 "scale": False, "mask": "causal", "temperature": 1, "positions": "sinusoidal"}
        state = self.state_of(ap.show(state=saved))
        self.assertEqual(state, {k: v for k, v in saved.items() if v is not None})

    def test_messages_name_the_field(self):
        E = [[1, 0], [0, 1]]
        cases = [
            (dict(embeddings=E, heads=[head(2, 2)], colour="red"), "attribute colour: not an attribute"),
            (dict(embeddings=E, heads=[head(2, 2)], d_model=4), "attribute d-model: makes a state of its own"),
            (dict(state={"embeddings": E, "heads": [head(2, 2)], "embedding": E}), "state.embedding: not a field"),
            (dict(embeddings=E, heads=[head(2, 2)], state={"embeddings": E}), "state: give either"),
            (dict(preset="java", mask=[[1]]), "attribute mask: expected 'none' or 'causal'"),
            (dict(preset="java", panels={"weights"}), "attribute panels: expected text"),
            (dict(preset="java", temperature=float("inf")), "attribute temperature: not a finite number"),
        ]
        for kwargs, start in cases:
            with self.subTest(start):
                with self.assertRaises(ValueError) as caught:
                    ap.show(**kwargs)
                self.assertTrue(str(caught.exception).startswith(start), str(caught.exception))


class Output(unittest.TestCase):
    def test_attributes_as_the_element_reads_them(self):
        view = ap.show(preset="river-bank", panels=["weights", "output"], editable="E", compact=True,
                       readonly=False, url_state=True, theme="dark", step="scores", query=2, scale=False)
        (element,) = Elements(view._repr_html_()).elements
        self.assertEqual(
            element,
            {"preset": "river-bank", "scale": "false", "panels": "weights output", "editable": "E",
             "compact": None, "url-state": None, "theme": "dark", "step": "scores", "query": "2"},
        )
        sentence = Elements(ap.show(tokens="the cat sat", d_model=4, heads=2, seed=3)._repr_html_()).elements[0]
        self.assertEqual(sentence, {"tokens": "the cat sat", "heads": "2", "d-model": "4", "seed": "3"})
        words = Elements(ap.show(tokens=["the", "cat"], mask="causal", temperature=2)._repr_html_()).elements[0]
        self.assertEqual(words, {"tokens": "the cat", "mask": "causal", "temperature": "2"})

    def test_engine_inlined_once_per_output_and_inert(self):
        text = ap.show(preset="java")._repr_html_()
        self.assertEqual(Elements(text).scripts, ["text/x-attention-playground", None])
        # Only the two closing tags: the script's own text carries none.
        self.assertEqual(len(re.findall(r"</script", text, re.IGNORECASE)), 2)
        self.assertNotIn("<!--", text)
        script = (PACKAGE / "attention-playground.js").read_text("utf-8")
        self.assertIn(escape_script(script), text)

    def test_escape_script(self):
        escaped = escape_script('a = "</script><!-- x"; b = /<\\/SCRIPT>/; // </Script>')
        self.assertEqual(escaped, 'a = "<\\/script><\\!-- x"; b = /<\\/SCRIPT>/; // <\\/Script>')
        self.assertIsNone(re.search(r"</script|<!--", escaped, re.IGNORECASE))

    def test_each_output_has_its_own_ids(self):
        view = ap.show(preset="java")
        ids = [re.findall(r' id="([^"]+)"', view._repr_html_()) for _ in range(2)]
        self.assertEqual(len(set(ids[0] + ids[1])), 4)

    def test_text_fallback(self):
        view = ap.show(tokens=["bank", "of", "the", "river"], embeddings=[[1, 0, 0]] * 4, heads=[head(3, 2), head(3, 2, 1)])
        self.assertEqual(
            repr(view),
            "Attention Playground · tokens: bank of the river · T = 4, D = 3, 2 heads of dₖ = 2 · open in Jupyter to interact",
        )
        self.assertIn("open in Jupyter to interact", view._repr_html_())
        preset = repr(ap.show(preset="river-bank"))
        self.assertIn("tokens: We sat by the river bank · T = 6", preset)
        self.assertIn("tokens: the cat sat · T = 3, d-model = 4", repr(ap.show(tokens="the cat sat", d_model=4)))
        # No preset: the element shows its first, and so does the fallback.
        self.assertIn("tokens: bank grows money · T = 3, D = 13, 1 head of dₖ = 13", repr(ap.show()))

    def test_save_html(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = ap.show(preset="java", compact=True).save_html(Path(tmp) / "view.html")
            page = path.read_text("utf-8")
        self.assertTrue(page.startswith("<!doctype html>"))
        self.assertEqual(len(Elements(page).elements), 1)
        self.assertIn('<meta charset="utf-8">', page)


class Package(unittest.TestCase):
    def test_carries_licence_notice_and_the_dists_version(self):
        for name in ("LICENSE", "NOTICE", "attention-playground.js", "limits.json", "element.json"):
            self.assertTrue((PACKAGE / name).is_file(), name)
        dist = ROOT / "dist/package.json"
        if dist.is_file():
            self.assertEqual(ap.__version__, json.loads(dist.read_text("utf-8"))["version"])

    def test_refuses_to_import_without_the_built_script(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "attention_playground"
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("attention-playground.js", "__pycache__"))
            run = subprocess.run([sys.executable, "-c", "import attention_playground"], cwd=tmp,
                                 capture_output=True, text=True)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("ImportError: attention_playground: attention-playground.js missing", run.stderr)
        self.assertIn("scripts/build wasm", run.stderr)


if __name__ == "__main__":
    unittest.main()
