"""The render engine: compiled once, strict, text never rewritten; parallel and cached builds give the same bytes."""

from __future__ import annotations

import gc
import io
import pickle
import shutil
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from afsprakengen.build import plan
from afsprakengen.cache import Cache
from afsprakengen.check.dossier import check_dossier
from afsprakengen.cli import cli
from afsprakengen.documents import produce
from afsprakengen.documents.kinds import Job, JobOptions
from afsprakengen.word import compiled
from afsprakengen.word.compiled import compiled_template
from afsprakengen.word.render import YOUNG_THRESHOLD, render_docx
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.sampledossier import SAMPLE, run_build


def _sample_jobs() -> list[Job]:
    checked = check_dossier(SAMPLE, "sample", date(2026, 11, 27))
    assert checked.model is not None
    return plan(checked.model, (2027,), (), JobOptions())


def _template_with(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "eigen.docx"
    document.save(str(path))
    return path


def test_a_template_is_compiled_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = _template_with(tmp_path, "{{ titel }}")
    compiles: list[str] = []
    real = compiled._compile

    def counting(digest: str, data: bytes, cache: Cache | None) -> compiled.CompiledTemplate:
        compiles.append(digest)
        return real(digest, data, cache)

    monkeypatch.setattr(compiled, "_compile", counting)
    first = compiled_template(template)
    assert compiled_template(template) is first
    assert len(compiles) == 1
    (tmp_path / "other").mkdir()
    template.write_bytes(_template_with(tmp_path / "other", "{{ jaar }}").read_bytes())
    assert compiled_template(template) is not first
    assert len(compiles) == 2


def test_a_compiled_template_is_kept_in_the_cache_for_other_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _template_with(tmp_path, "Titel: {{ titel }}")
    cache = Cache(tmp_path / "cache")
    first = compiled_template(template, cache)
    monkeypatch.setattr(compiled, "_COMPILED", {})
    monkeypatch.setattr(compiled, "_compile", lambda *args: pytest.fail("compiled again"))
    again = compiled_template(template, cache)
    assert again is not first and again.parts == first.parts and again.body.source == first.body.source
    assert again.body.template is not None and first.body.template is not None
    data = {"titel": "Huur & <meer>", "herkomst": ""}
    assert again.body.template.render(data) == first.body.template.render(data)


class _CollectorProbe:
    """A value that notes, when the template prints it, whether the collector is on and its young threshold."""

    def __init__(self) -> None:
        self.seen: list[tuple[bool, int]] = []

    def __str__(self) -> str:
        self.seen.append((gc.isenabled(), gc.get_threshold()[0]))
        return "gezien"


def test_a_render_collects_young_objects_less_often_and_puts_the_collector_back(tmp_path: Path) -> None:
    probe = _CollectorProbe()
    before = gc.get_threshold()
    rendered = render_docx(_template_with(tmp_path, "{{ probe }}"), "eigen.docx", {"probe": probe})
    assert rendered.data is not None, rendered.problems
    with zipfile.ZipFile(io.BytesIO(rendered.data)) as package:
        assert b"gezien" in package.read("word/document.xml")
    assert probe.seen == [(True, max(before[0], YOUNG_THRESHOLD))]  # still on: a template's cycles are collected
    assert gc.get_threshold() == before


def test_a_body_over_the_output_limit_is_refused_with_the_limit_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFSPRAKENGEN_RENDER_MB", "0.2")
    template = _template_with(tmp_path, "{% for i in range(100000) %}tekst {% endfor %}")
    rendered = render_docx(template, "eigen.docx", {})
    assert rendered.data is None
    assert [p.message for p in rendered.problems] == [
        "the template cannot be rendered: the document would have more than 0.2 MB of XML (AFSPRAKENGEN_RENDER_MB)"
    ]
    monkeypatch.setenv("AFSPRAKENGEN_RENDER_MB", "1")  # 600,000 characters: within the limit
    assert render_docx(template, "eigen.docx", {}).data is not None


def test_dossier_text_that_looks_like_escaped_jinja_comes_out_as_written(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    title = "Sjabloon {_{ naam }_} en {_% if %_}"
    pa.write_text(pa.read_text(encoding="utf-8").replace("titel: Labelsprongen", f"titel: '{title}'"), encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", "--year", "2027", "--only", "prestatieafspraken").exit_code == 0
    assert f"DUUR-01 {title}" in dump_docx(tmp_path / "out" / "prestatieafspraken-2027.docx")


def test_raw_xml_marked_safe_by_a_template_comes_out_as_text(tmp_path: Path) -> None:
    promised = "{% for t in themas %}{% for a in t.afspraken %}{{ a.code }} {% endfor %}{% endfor %}"
    signed = "{% for o in ondertekenaars %}{{ o.naam }} {% endfor %}"  # what a prestatieafspraken must show
    evil = _template_with(tmp_path, "{{ '</w:t></w:r></w:p><w:p>'|safe }}", "{{ titel }}", promised, signed)
    out = tmp_path / "out"
    result = run_build(BASE, out, "--template", f"prestatieafspraken={evil}", "--year", "2027")
    assert result.exit_code == 0, result.output
    assert "[Normal] </w:t></w:r></w:p>" in dump_docx(out / "prestatieafspraken-2027.docx")


def test_a_line_break_in_plain_text_becomes_a_word_break(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    text = pa.read_text(encoding="utf-8").replace("titel: Labelsprongen", 'titel: "Eerste regel\\ntweede\\tregel"')
    pa.write_text(text, encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", "--year", "2027", "--only", "prestatieafspraken").exit_code == 0
    with zipfile.ZipFile(tmp_path / "out" / "prestatieafspraken-2027.docx") as zf:
        body = zf.read("word/document.xml").decode()
    assert (
        'Eerste regel</w:t><w:br/><w:t xml:space="preserve">tweede</w:t><w:tab/><w:t xml:space="preserve">regel' in body
    )


def test_workers_give_the_same_documents_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _sample_jobs()
    assert len(jobs) > 2
    monkeypatch.setattr(produce, "POOL_SAVING", 0)  # the sample is too small to be worth workers
    assert produce.produce_all(jobs, workers=2).outcomes == produce.produce_all(jobs, workers=1).outcomes


def test_workers_render_only_jobs_that_pickle_to_at_least_the_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _sample_jobs()
    todo = list(range(len(jobs)))
    assert produce._worth_a_pool(jobs, todo) is None  # the sample's jobs are ~0.5 MB
    monkeypatch.setattr(produce, "POOL_SAVING", 1)
    pickled = produce._worth_a_pool(jobs, todo)
    assert pickled is not None and [pickle.loads(data) for data in pickled] == jobs


def test_the_largest_job_alone_does_not_make_workers_worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _sample_jobs()
    todo = list(range(len(jobs)))
    sizes = sorted(len(pickle.dumps(job, protocol=5)) for job in jobs)
    besides_largest = sum(sizes[:-1])
    monkeypatch.setattr(produce, "POOL_SAVING", besides_largest + 1)  # all of them would be more than this
    assert sum(sizes) > besides_largest + 1 and produce._worth_a_pool(jobs, todo) is None
    monkeypatch.setattr(produce, "POOL_SAVING", besides_largest)
    assert produce._worth_a_pool(jobs, todo) is not None
    assert produce._worth_a_pool(jobs, todo[-1:]) is None  # one job never needs a worker


def test_the_document_cache_renders_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _sample_jobs()
    cache = Cache(tmp_path / "cache")
    first = produce.produce_all(jobs, cache=cache).outcomes
    rendered: list[str] = []
    real = produce.render_unfinished

    def counting(job: Job, templates: object = (), cache: Cache | None = None) -> object:
        rendered.append(job.output)
        return real(job, templates, cache)  # type: ignore[arg-type]

    monkeypatch.setattr(produce, "render_unfinished", counting)
    assert produce.produce_all(jobs, cache=cache).outcomes == first
    assert rendered == []
    changed = [jobs[0].__class__(**{**jobs[0].__dict__, "title": "Andere titel"}), *jobs[1:]]
    again = produce.produce_all(changed, cache=cache).outcomes
    assert rendered == [jobs[0].output]
    assert again[1:] == first[1:] and again[0] != first[0]


def test_a_kept_finished_document_is_not_read_as_rendered_and_new_properties_finish_the_kept_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _sample_jobs()[:3]
    cache = Cache(tmp_path / "cache")
    first = produce.produce_all(jobs, cache=cache).outcomes
    read: list[str] = []
    real_get = Cache.get

    def recording(self: Cache, kind: str, key: str) -> object:
        read.append(kind)
        return real_get(self, kind, key)

    monkeypatch.setattr(Cache, "get", recording)
    assert produce.produce_all(jobs, cache=cache).outcomes == first
    assert read == ["finished"] * 3
    read.clear()
    committed = [replace(job, properties=(("Git-commit", "abc123"),)) for job in jobs]
    again = produce.produce_all(committed, cache=cache).outcomes
    assert read == ["finished"] * 3 + ["rendered"] * 3
    assert again == produce.produce_all(committed).outcomes and again != first


def test_build_with_workers_writes_the_same_bytes(tmp_path: Path) -> None:
    for n in ("1", "2"):
        assert run_build(SAMPLE, tmp_path / n, "--year", "2027", "--jobs", n).exit_code == 0
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    assert all((tmp_path / "1" / n).read_bytes() == (tmp_path / "2" / n).read_bytes() for n in names)


def test_batch_builds_every_dossier_and_reports_the_broken_one(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        shutil.copytree(BASE, tmp_path / name)
    broken = tmp_path / "c" / "2027" / "prestatieafspraken.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("trekker: thuis", "trekker: thuiss"), "utf-8")
    (tmp_path / "out" / "a").mkdir(parents=True)
    (tmp_path / "out" / "a" / "oud.docx").write_bytes(b"oud")
    args = ["batch", *(str(tmp_path / n) for n in "abc"), "--out", str(tmp_path / "out"), "--jobs", "2"]
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-27"])
    assert result.exit_code == 1, result.output
    assert "'thuiss' is not a party in dossier.yaml" in result.output
    assert result.output.strip().endswith("3 dossiers: 2 built, 1 with errors; 16 documents written.")
    single = tmp_path / "single"
    assert run_build(tmp_path / "a", single).exit_code == 0
    for name in ("a", "b"):
        built = sorted(p.name for p in (tmp_path / "out" / name).iterdir() if p.name != "oud.docx")
        assert built == sorted(p.name for p in single.iterdir())
    assert (tmp_path / "out" / "a" / "oud.docx").read_bytes() == b"oud"
    assert not (tmp_path / "out" / "c").exists()


def test_batch_refuses_two_dossiers_with_the_same_folder_name(tmp_path: Path) -> None:
    for parent in ("x", "y"):
        shutil.copytree(BASE, tmp_path / parent / "d")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "x" / "d"), str(tmp_path / "y" / "d"), "--out", "o"])
    assert result.exit_code == 2
    assert "two dossiers would be written to the same folder: d" in result.output


def test_a_batch_starts_the_largest_dossier_first_and_gives_results_in_order_with_the_same_bytes(
    tmp_path: Path,
) -> None:
    from afsprakengen.build import BuildRequest, _largest_first, build_dossier, build_many

    for name in ("a", "b", "c"):
        shutil.copytree(BASE, tmp_path / name)
    grown = tmp_path / "b" / "2027" / "prestatieafspraken.yaml"
    grown.write_text(grown.read_text(encoding="utf-8") + "# een lange toelichting\n" * 200, "utf-8")
    today = date(2026, 11, 27)
    requests = [BuildRequest(tmp_path / n, n, tmp_path / "out" / n, today) for n in "abc"]
    assert _largest_first(requests)[0] == 1
    seen: list[tuple[int, int]] = []
    results = build_many(requests, workers=2, progress=lambda done, total, _: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [{p.parent.name for p in r.written} for r in results] == [{"a"}, {"b"}, {"c"}]
    alone = build_dossier(BuildRequest(tmp_path / "a", "a", tmp_path / "alone", today))
    assert [p.name for p in alone.written] == [p.name for p in results[0].written]
    for path in alone.written:
        assert path.read_bytes() == (tmp_path / "out" / "a" / path.name).read_bytes(), path.name
