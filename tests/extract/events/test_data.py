"""The trigger lexicon, cue lists, synthetic corpus and classifier: ours, valid, extensible."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.extract.events._training import expand, load_templates, train
from detente.extract.events.classify import NONE, EventClassifier, load_classifier
from detente.extract.events.lexicon import load_cues, load_lexicon
from detente.extract.events.ontology import CATEGORIES, load_ontology
from detente.extract.events.stage import EventCoder

HEADER = "lemma\tpos\twhen\tframe\tcategory\tmode\tcameo\n"


def test_lexicon_loads_and_covers_every_category() -> None:
    lexicon = load_lexicon(load_ontology())
    cats = {e.category for es in lexicon.entries.values() for e in es}
    assert set(CATEGORIES) <= cats and len(lexicon) > 400


@pytest.mark.parametrize(("line", "message"), [
    ("Attack\tVERB\t-\t-\tASSAULT\t-\t-", "lemma 'Attack' must be lower-case"),
    ("attack\tADV\t-\t-\tASSAULT\t-\t-", "pos 'ADV' is not one of VERB, NOUN, ADJ"),
    ("attack\tVERB\t-\tmaybe\tASSAULT\t-\t-", "frame 'maybe' is not one of "
     "-, light, control, intent, say, aspect, deny, cause"),
    ("attack\tVERB\t-\t-\tBOMB\t-\t-", "unknown PLOVER category 'BOMB'"),
    ("attack\tVERB\t-\t-\tASSAULT\tnuclear\t-", "ASSAULT has no mode 'nuclear'"),
    ("attack\tVERB\t-\t-\tASSAULT\t-\t999", "CAMEO code '999' is not in cameo.tsv"),
    ("attack\tVERB\tobject=x\t-\tASSAULT\t-\t-", "bad condition 'object=x': use "
     "key=value|value with key one of obj, prep, prt, pobj, comp, mod, dep, head, subj"),
])
def test_lexicon_loader_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# my triggers\n" + HEADER + line + "\n")
    with pytest.raises(DataFileError) as err:
        load_lexicon(load_ontology(), [path])
    assert str(err.value) == f"{path}:3: {message}"


def test_lexicon_user_file_extends_the_coder(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "smite\tVERB\t-\t-\tASSAULT\t-\t190\n")
    text = "Sparta smote Athens."
    plain = EventCoder(classifier=False).code_doc(nlp(text), article_id="t")
    extended = EventCoder(ExtractOptions(lexicon_files=(path,)), classifier=False)
    events = extended.code_doc(nlp(text), article_id="t")
    assert not [e for e in plain if e.category == "ASSAULT"]
    assert [(e.source.text, e.target.text if e.target else None, e.cameo) for e in events] == [
        ("Sparta", "Athens", "190")]


def test_cues_loader_rejects_unknown_kind(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("kind\tcue\nsecretive\tpsst\n")
    with pytest.raises(DataFileError, match=r"cues.tsv:2: unknown cue kind 'secretive'"):
        load_cues(path)


def test_corpus_templates_cover_every_category_and_expand_deterministically() -> None:
    templates, actors = load_templates()
    assert {t.label for t in templates} == set(CATEGORIES) | {NONE}
    first = list(expand(templates, actors, per_template=3, seed=1))
    assert first == list(expand(templates, actors, per_template=3, seed=1))
    assert len(first) > 2 * len(templates)
    for ex in first[:200]:
        assert "*" not in ex.sentence and "{" not in ex.sentence
        assert ex.sentence[ex.trigger:].split()[0].isalpha()


def test_classifier_ships_and_knows_all_categories() -> None:
    model = load_classifier()
    assert model is not None and set(model.classes) == set(CATEGORIES) | {NONE}


def test_classifier_train_separates_and_round_trips(tmp_path: Path) -> None:
    rows = [(["lem=bomb", "obj=city"], "ASSAULT"), (["lem=hug", "obj=friend"], "SUPPORT")] * 20
    model = train(rows, epochs=100)
    assert model.classes[int(model.proba_of(["lem=bomb"]).argmax())] == "ASSAULT"
    path = tmp_path / "m.npz"
    model.save(path)
    again = load_classifier(path)
    assert isinstance(again, EventClassifier)
    assert np.allclose(again.proba_of(["obj=friend"]), model.proba_of(["obj=friend"]))


def test_classifier_rejects_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    np.savez(path, something=np.zeros(3))
    with pytest.raises(DataFileError, match="not a detente event classifier"):
        load_classifier(path)


def test_cli_code_prints_events_of_a_sentence() -> None:
    from detente.cli.text import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _main() -> None:
        """test app"""

    runner = CliRunner()
    result = runner.invoke(app, ["code", "Trump threatened to impose tariffs on India."])
    assert result.exit_code == 0, result.output
    assert "THREATEN (CAMEO 1312, -5.8) threatened, public [threatened]" in result.output
    result = runner.invoke(app, ["code", "The weather was mild.", "--json"])
    assert result.exit_code == 0 and result.output.strip() == "[]"
    assert "Example: detente code" in runner.invoke(app, ["code", "--help"]).output


def test_lexicon_skips_files_of_another_component(tmp_path: Path) -> None:
    path = tmp_path / "quotes.tsv"
    path.write_text("# a quote lexicon\ncue\tkind\nsaid\tspeech\n")
    assert len(load_lexicon(load_ontology(), [path])) == len(load_lexicon(load_ontology()))
