"""The Python half of the shared table of bad inputs (tests/notebook/bad-inputs.json; the engine runs the same
table in tests/notebook/bad-inputs.test.mjs): show() refuses each state with a ValueError naming the same field,
whether the state comes as state= or as arrays, before anything is rendered."""

import copy
import json
import math
import unittest
from pathlib import Path

import attention_playground as ap

TABLE = json.loads((Path(__file__).resolve().parents[2] / "tests/notebook/bad-inputs.json").read_text("utf-8"))
NUMBERS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        return NUMBERS[v["float"]] if "float" in v else {k: decode(x) for k, x in v.items()}
    return v


def bad_state(entry):
    if "state" in entry:
        return decode(entry["state"])
    state = decode(copy.deepcopy(TABLE["base"]))
    path, value = entry["set"]
    at = state
    for key in path[:-1]:
        at = at[key]
    at[path[-1]] = decode(value)
    return state


class SharedTable(unittest.TestCase):
    def test_base_is_accepted(self):
        view = ap.show(state=decode(TABLE["base"]))
        self.assertIn("<attention-playground", view._repr_html_())

    def test_each_bad_state_names_the_engines_field(self):
        self.assertGreater(len(TABLE["entries"]), 20)
        for entry in TABLE["entries"]:
            for form in ("state=", "arrays"):
                with self.subTest(entry["name"], form=form):
                    state = bad_state(entry)
                    with self.assertRaises(ValueError) as caught:
                        ap.show(state=state) if form == "state=" else ap.show(**state)
                    self.assertTrue(
                        str(caught.exception).startswith(entry["field"] + ": "),
                        f"{entry['name']}: {caught.exception}",
                    )


if __name__ == "__main__":
    unittest.main()
