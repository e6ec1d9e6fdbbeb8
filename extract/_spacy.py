"""spaCy, imported without its command line.

``import spacy`` also imports spaCy's command line (typer, weasel, requests, httpx …) only so that
``spacy.info`` exists: a quarter of the import, paid by every build that parses a turn.  spaCy
makes that import lazy itself (explosion/spaCy#12962, on its v4 branch); until a 3.x release does,
the package is imported here with ``spacy.cli.info`` standing in as a function that imports the
real one when called.  The stand-ins are gone once spaCy is imported, so ``import spacy.cli``
afterwards is spaCy's own.  Should the import go wrong that way, spaCy is imported as usual.

Modules of this package that use spaCy import this one first.
"""

from __future__ import annotations

import sys
import types


def _info(*args, **kwargs):
    """``spacy.info``: spaCy's own, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import():
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        stand_ins = {}
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


spacy = _import()
