"""Attention Playground in a notebook: show(...) returns a live <attention-playground> as an output.

Standard library only.  The element's script is inside the package (copied by the build) and inlined in each
output: nothing is downloaded, and no loader or CDN is needed.  Reading back a state the reader edited needs a
kernel bridge, which this package does not have: the view's "Save JSON" and copied link carry it out.
"""

from ._assets import VERSION as __version__
from ._view import Playground, show

__all__ = ["Playground", "show", "__version__"]
