"""How much a selective parse could skip: the share of sentences and tokens of real news that
hold nothing the event, quote and actor layers look for.

    .venv/bin/python bench/selective_share.py [--articles 100]

A selective parse (issue 17) would run the dependency parser and NER only on the sentences
that need them. A sentence needs them when it holds an event trigger (the event lexicon, by
lemma or word, as ``events.lexicon.Lexicon.match`` looks them up), a reporting verb or noun
(the quote lexicon), a quotation mark, or a name the actor gazetteer knows. The lexicons and
the gazetteer are read through their own loaders, so entries added to the data files count.
A stricter test, the one issue 17 proposes for the parser alone ("gate"), keeps a sentence
with two actor names, or one with an event trigger, a reporting word, a quotation mark or a
date (an NER DATE entity); the bound then is the parser's share alone, since NER would run on
every sentence to find the names.
The sentences are the parser's own (the best case for the selector: a cheap splitter would
cut differently). Prints the share of sentences and tokens each test keeps and the bound it
puts on the saving: the parser's and NER's share of the parse, times the tokens skipped.
"""

from __future__ import annotations

import argparse
import re
import time

from _news import news_articles

from detente.config import ExtractOptions
from detente.extract.actors.resolver import default_resolver
from detente.extract.events.lexicon import load_lexicon
from detente.extract.events.ontology import load_ontology
from detente.extract.nlp import load_nlp
from detente.extract.quotes.lexicon import load_quote_lexicon

_QUOTE_MARKS = re.compile(r"[\"“”]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    options = ExtractOptions()
    texts = [a["text"] for a in news_articles(args.articles)]
    nlp = load_nlp(options.model)
    triggers = load_lexicon(load_ontology(), options.lexicon_files).lemmas()
    quotes = load_quote_lexicon(options.lexicon_files)
    cues = set(quotes.verbs) | set(quotes.nouns)
    gazetteer = default_resolver(tuple(options.actor_files)).gazetteer
    tests = ("trigger", "cue", "quote mark", "actor name", "gate")
    sentences = {k: 0 for k in (*tests, "any", "all")}
    tokens = dict.fromkeys(sentences, 0)
    seconds = dict.fromkeys(("parser", "ner", "all components"), 0.0)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            began = time.process_time()
            doc = proc(doc)
            spent = time.process_time() - began
            seconds["all components"] += spent
            if name in seconds:
                seconds[name] += spent
        starts = [m.start for m in gazetteer.find(text)]
        for sent in doc.sents:
            hit = {
                "trigger": any(t.lemma_.lower() in triggers or t.lower_ in triggers
                               for t in sent),
                "cue": any(t.lemma_.lower() in cues or t.lower_ in cues for t in sent),
                "quote mark": bool(_QUOTE_MARKS.search(sent.text)),
                "actor name": any(sent.start_char <= s < sent.end_char for s in starts),
            }
            hit["any"] = any(hit.values())
            names = sum(1 for s in starts if sent.start_char <= s < sent.end_char)
            dated = any(e.label_ == "DATE" for e in sent.ents)
            hit["gate"] = names >= 2 or (names >= 1 and (
                hit["trigger"] or hit["cue"] or hit["quote mark"] or dated))
            hit["all"] = True
            for key, value in hit.items():
                sentences[key] += value
                tokens[key] += len(sent) * value
    print(f"{len(texts)} giveme5w1h articles, {sentences['all']} sentences, "
          f"{tokens['all']} tokens; lexicons: {len(triggers)} trigger lemmas, "
          f"{len(cues)} reporting words")
    print(f"{'a sentence with':<24} {'sentences':>10} {'tokens':>10}")
    for key in (*tests[:-1], "any", "gate"):
        print(f"{key:<24} {100 * sentences[key] / sentences['all']:9.1f}% "
              f"{100 * tokens[key] / tokens['all']:9.1f}%")
    skipped = 1 - tokens["any"] / tokens["all"]
    heavy = (seconds["parser"] + seconds["ner"]) / seconds["all components"]
    print(f"parser + NER: {100 * heavy:.0f} % of the parse's CPU time; skipping them on the "
          f"{100 * skipped:.1f} % of tokens no test keeps saves at most "
          f"{100 * heavy * skipped:.1f} % of the parse")
    gated = 1 - tokens["gate"] / tokens["all"]
    parser = seconds["parser"] / seconds["all components"]
    print(f"parser alone: {100 * parser:.0f} % of the parse's CPU time; the gate skips "
          f"{100 * gated:.1f} % of tokens and saves at most {100 * parser * gated:.1f} % of "
          "the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
