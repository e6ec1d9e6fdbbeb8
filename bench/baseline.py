"""The baseline: spaCy's own ``nlp.pipe`` over the same text with the same model, nothing else.

``model``: the model as spaCy loads it, less the lemmatizer (the baseline of every figure so far).
``build``: only the components the build runs (see ``extract.nlp.EXCLUDED``), for the stricter ratio.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    corpus, jobs = Path(sys.argv[1]), int(sys.argv[2])
    components = sys.argv[3] if len(sys.argv) > 3 else "model"
    import spacy

    from extract.nlp import EXCLUDED, model_name
    from graph.discover import discover, read_all

    files, _ = discover([corpus])
    docs = read_all(files)
    texts = [t.text for d in docs for t in d.turns]
    t0 = time.perf_counter()
    nlp = spacy.load(model_name(), exclude=EXCLUDED if components == "build" else ["lemmatizer"])
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=256, n_process=jobs if len(texts) >= 200 else 1))
    pipe = time.perf_counter() - t0
    print(json.dumps({"components": nlp.pipe_names, "load": load, "pipe": pipe, "texts": n, "chars": sum(map(len, texts))}))


if __name__ == "__main__":
    main()
