"""The corpus files the benchmarks fetch from: every pin has lint targets under the folder it unpacks to."""

from pathlib import Path

import pytest

from benchmarks.corpus_findings import CORPUS_TXT, KERAS3_REVIEWED, corpus_targets, folder_name, pins

EXTRA_TXT = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus_extra.txt"


@pytest.mark.parametrize("corpus_txt", [CORPUS_TXT, EXTRA_TXT], ids=["pinned", "extra"])
def test_pins_and_targets_agree(corpus_txt: Path):
    pinned = pins(corpus_txt)
    targets = corpus_targets(corpus_txt)
    assert pinned and set(pinned) == set(targets)
    for folder, pin in pinned.items():
        name, _, version = pin.partition("==")
        assert version, f"{pin}: not pinned to one version"
        assert folder == folder_name(name)
        assert targets[folder] and all(not t.startswith("/") and ".." not in t for t in targets[folder])


def test_folder_names():
    assert folder_name("tf-models-official") == "tf_models_official"
    assert folder_name("TensorFlowASR") == "tensorflowasr"


def test_keras3_reviewed_findings_name_pinned_packages():
    known = {"corpus.txt": set(pins(CORPUS_TXT)), "corpus_extra.txt": set(pins(EXTRA_TXT))}
    for corpus, package, path, line, symbol, verdict, reason in KERAS3_REVIEWED:
        assert package in known[corpus], (corpus, package)
        assert not path.startswith("/") and line > 0 and symbol and reason
        assert verdict.split(" ")[0] in ("right", "harmless", "wrong"), verdict
