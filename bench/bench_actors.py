"""How much the actors stage adds to extraction: resolution time / spaCy parse time.

Runs on the demo corpus (src/detente/demo/corpus/*.txt), or on generated texts when it is
absent. Prints the parse time, the resolution time (find_mentions over the parsed docs) and
their ratio; the target is < 0.10. The knowledge base and automaton are built once per
process (reported separately: a one-off cost, not per article), as is the spaCy model load;
their sum must stay under 3 s (issue 16).

    .venv/bin/python bench/bench_actors.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from detente.config import ExtractOptions
from detente.extract.actors.loader import load_actor_base
from detente.extract.actors.resolver import Resolver
from detente.extract.actors.stage import find_mentions
from detente.extract.nlp import load_nlp

CORPUS = Path(__file__).resolve().parents[1] / "src" / "detente" / "demo" / "corpus"


def _texts() -> list[str]:
    files = sorted(CORPUS.glob("*.txt"))
    if files:
        return [f.read_text(encoding="utf-8") for f in files]
    base = ("U.S. special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow. "
            "Russian state media said the Kremlin welcomed the talks. He said NATO allies and "
            "Ukrainian officials in Kyiv were consulted, while Chinese troops held drills. ")
    return [base * 12 for _ in range(30)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = _texts()
    # wall clock and CPU time (the machine may be shared: CPU time is what the load costs)
    t0, c0 = time.perf_counter(), time.process_time()
    nlp = load_nlp(ExtractOptions().model)
    model, model_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    kb = load_actor_base()
    kb_load, kb_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    resolver = Resolver(kb)
    # The GeoNames city index loads on the first phrase that needs it: a start-up cost,
    # counted here, not in the first pass's resolution time.
    resolver.city_country("")
    automaton, automaton_cpu = time.perf_counter() - t0, time.process_time() - c0
    build = kb_load + automaton
    parse = resolve = 0.0
    n_mentions = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse += time.perf_counter() - t0
        resolver.forget()  # every pass starts cold: the texts repeat, news less so
        t0 = time.perf_counter()
        for text, doc in zip(texts, docs, strict=True):
            n_mentions += len(find_mentions(resolver, text, doc=doc, published="2025-08-07"))
        resolve += time.perf_counter() - t0
    chars = sum(map(len, texts))
    print(f"{len(texts)} texts, {chars} chars, x{args.repeat}; "
          f"{n_mentions // args.repeat} mentions per pass")
    stats = kb.stats()
    print(f"spaCy model load: {model:.2f}s (cpu {model_cpu:.2f}s); knowledge base load: "
          f"{kb_load:.2f}s (cpu {kb_cpu:.2f}s; {stats['people']} hand-written people, "
          f"{stats['built_people']} built office holders); automaton build and city index: "
          f"{automaton:.2f}s "
          f"(cpu {automaton_cpu:.2f}s)")
    print(f"model + knowledge base load = {model + build:.2f}s, cpu "
          f"{model_cpu + kb_cpu + automaton_cpu:.2f}s (target < 3 s)")
    print(f"spaCy parse: {parse / args.repeat * 1000:.0f} ms/pass; "
          f"actor resolution: {resolve / args.repeat * 1000:.0f} ms/pass")
    print(f"resolution / parse = {resolve / parse:.3f} (target < 0.10)")


if __name__ == "__main__":
    main()
