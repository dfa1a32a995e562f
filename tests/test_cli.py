"""The sodoan command, run through its real entry point."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import sodoan
from sodoan.cli import ROW_COLUMNS, main
from tests.documents import ACTUAL as GOOD
from tests.memory import run_with_peak

REPO = Path(__file__).resolve().parent.parent
AS_OF = ["--as-of", "2026-11-22"]

STATUS_VI = {
    "achieved": "đạt",
    "pending": "chưa đạt, còn hạn",
    "missed": "không đạt",
    "indeterminate": "chưa xác định",
    "no-data": "chưa có số liệu",
    "no-target": "không có mục tiêu",
}


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def jsonl(path: Path, documents: list[dict[str, Any]]) -> Path:
    """Documents as JSON Lines; records that repeat an id get one of their own (a repeated id
    is an error of its own, tested apart)."""
    seen: set[str] = set()
    lines = []
    for number, document in enumerate(documents, 1):
        if document.get("id") in seen:
            document = {**document, "id": f"{document['id']}-{number}"}
        seen.add(str(document.get("id")))
        lines.append(json.dumps(document, ensure_ascii=False) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


class TestReport:
    """sodoan (no command) prints the progress report."""

    def test_readme_excerpt_is_real(self) -> None:
        """The report excerpt in README.md is what the command prints: each part between
        ``…`` lines is a run of consecutive lines of the output, in order."""
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        excerpt = readme.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
        parts: list[list[str]] = [[]]
        for line in excerpt:
            if line.strip() == "…":
                parts.append([])
            else:
                parts[-1].append(line)
        lines = [line.rstrip() for line in run(*AS_OF).output.splitlines()]
        start = 0
        for part in parts:
            found = [i for i in range(start, len(lines)) if lines[i : i + len(part)] == part]
            assert found, part
            start = found[0] + len(part)
        assert len(parts) == 2

    def test_covers_the_provinces(self) -> None:
        """The default report covers every province with targets, by pillar, and exits 0."""
        result = run(*AS_OF)
        assert result.exit_code == 0
        for name in (
            "Tuyên Quang",
            "Trà Vinh",
            "Nam Định",
            "Chính quyền số",
            "Kinh tế số",
            "60/KH-UBND",
            "đạt",
        ):
            assert name in result.output
        counts = sodoan.progress(as_of=dt.date(2026, 11, 22)).counts()
        assert " ".join(result.output.split()).endswith(
            f"{sum(counts.values())} mục tiêu: "
            + ", ".join(f"{n} {STATUS_VI[s]}" for s, n in sorted(counts.items()))
        )

    def test_english(self) -> None:
        """--lang en labels and numbers."""
        result = run("--lang", "en", *AS_OF, "--province", "tuyen-quang")
        assert "98.26% (2024)" in result.output
        assert "achieved" in result.output
        assert "Digital government" in result.output

    def test_json(self) -> None:
        """--format json is a JSON list of rows with stable keys."""
        rows = json.loads(run("--format", "json", *AS_OF).output)
        assert len(rows) == len(sodoan.load().targets())
        assert list(rows[0]) == list(ROW_COLUMNS)
        row = next(
            r
            for r in rows
            if r["indicator"] == "online-filing-rate" and r["province"] == "tuyen-quang"
        )
        assert (row["status"], row["margin"], row["margin_unit"], row["actual_value"]) == (
            "achieved",
            "18.26",
            "percentage_point",
            "98.26",
        )

    def test_csv(self) -> None:
        """--format csv parses with the csv module, one header row and a row per target."""
        rows = list(csv.DictReader(io.StringIO(run("--format", "csv", *AS_OF).output)))
        assert len(rows) == len(sodoan.load().targets())
        assert tuple(rows[0]) == ROW_COLUMNS

    def test_vinh_long_follows_lineage(self) -> None:
        """--province vinh-long shows Vĩnh Long's figures and, marked as merged, those of Trà
        Vinh (and Bến Tre, when it has targets)."""
        result = run(*AS_OF, "--province", "vinh-long")
        assert result.exit_code == 0
        assert "Trà Vinh (nhập vào Vĩnh Long từ 01/7/2025)" in result.output
        assert "50/KH-UBND" in result.output

    def test_merged_province_says_where_it_went(self) -> None:
        """--province tra-vinh says Trà Vinh is part of Vĩnh Long now; a province without
        targets (Hà Giang) still says into what it was merged."""
        result = run(*AS_OF, "--province", "tra-vinh", "--lang", "en")
        assert "Tra Vinh (merged into Vinh Long on 2025-07-01)" in result.output
        result = run(*AS_OF, "--province", "ha-giang")
        assert result.exit_code == 0
        assert "Hà Giang: nhập vào Tuyên Quang từ 01/7/2025" in result.output

    def test_ninh_binh_gathers_nam_dinh(self) -> None:
        """--province ninh-binh includes Nam Định's plan (merged into Ninh Bình)."""
        result = run(*AS_OF, "--province", "ninh-binh", "--format", "json")
        provinces = {row["province"] for row in json.loads(result.output)}
        assert "nam-dinh" in provinces

    def test_report_command_is_the_default(self) -> None:
        """`sodoan report` prints the same as `sodoan`."""
        assert run("report", *AS_OF).output == run(*AS_OF).output

    def test_unknown_province(self) -> None:
        """An unknown province is a usage error (exit 2) with a suggestion."""
        result = CliRunner().invoke(main, ["--province", "tuyen-qang"])
        assert result.exit_code == 2
        assert "did you mean 'tuyen-quang'" in result.output


class TestCompare:
    """sodoan compare INDICATOR."""

    def test_both_provinces(self) -> None:
        """Both provinces' targets, with sources and the merger notes."""
        result = run("compare", "digital-economy-share-grdp", *AS_OF)
        assert result.exit_code == 0
        for text in (
            "Tuyên Quang",
            "Trà Vinh",
            "> 18% · 2025",
            "≥ 20% · 2025",
            "> 25% · 2030",
            "60/KH-UBND",
            "48-NQ/TU",
            "nhập vào Vĩnh Long",
        ):
            assert text in result.output

    def test_filters_and_json(self) -> None:
        """--province and --year filter; json rows carry the source quote."""
        rows = json.loads(
            run(
                "compare",
                "digital-economy-share-grdp",
                "--province",
                "tra-vinh",
                "--year",
                "2030",
                "--format",
                "json",
                *AS_OF,
            ).output
        )
        assert [(r["province"], r["due"], r["comparator"], r["target_value"]) for r in rows] == [
            ("tra-vinh", "2030", "gt", "25")
        ]
        assert rows[0]["source_quote"] == "Đến năm 2030, chiếm trên 25% GRDP của tỉnh"

    def test_unknown_indicator(self) -> None:
        """An unknown indicator exits 2 naming the closest ids."""
        result = CliRunner().invoke(main, ["compare", "online-filing"])
        assert result.exit_code == 2
        assert "online-filing-rate" in result.output


class TestNarrowTerminal:
    """At 60 columns every figure stays: a stacked layout, no line longer, no trailing space."""

    @pytest.mark.parametrize(
        ("args", "figure"),
        [
            (["compare", "online-filing-rate"], "98,26%"),
            (["compare", "online-filing-rate", "--lang", "en"], "98.26%"),
            ([], "98,26%"),
        ],
        ids=["compare", "compare-en", "report"],
    )
    def test_sixty_columns(self, args: list[str], figure: str) -> None:
        """Tuyên Quang's 98,26% (the latest-result column) is shown; lines fit and are not padded."""
        result = CliRunner().invoke(main, [*args, *AS_OF], env={"COLUMNS": "60"})
        assert result.exit_code == 0
        lines = result.output.splitlines()
        assert figure in result.output
        assert max(len(line) for line in lines) <= 60
        assert not [line for line in lines if line.endswith(" ")]

    def test_headers_are_never_split(self) -> None:
        """Each header is whole on one line (no word-per-line wrapping)."""
        result = CliRunner().invoke(
            main, ["compare", "online-filing-rate", *AS_OF], env={"COLUMNS": "60"}
        )
        for header in ("Kết quả mới nhất", "Đánh giá", "Chênh lệch"):
            assert any(line.strip().startswith(header) for line in result.output.splitlines())
        assert not [line for line in result.output.splitlines() if line.strip() in ("Kết", "quả")]

    def test_wide_terminal_keeps_columns(self) -> None:
        """At 200 columns the comparison is one table: a header line with every header."""
        result = CliRunner().invoke(
            main, ["compare", "online-filing-rate", *AS_OF], env={"COLUMNS": "200"}
        )
        header = next(line for line in result.output.splitlines() if line.startswith("Tỉnh"))
        assert "Kết quả mới nhất" in header
        assert "Chênh lệch" in header
        assert any(
            "98,26% (2024)" in line and "Tuyên Quang" in line for line in result.output.splitlines()
        )


class TestFind:
    """sodoan indicators / provinces, and names wherever an id is asked for."""

    def test_indicators_query(self) -> None:
        """'dti' lists the DTI indicators, best first, with counts of targets and actuals."""
        rows = json.loads(run("indicators", "dti", "--format", "json").output)
        ids = [r["id"] for r in rows]
        assert set(ids[:2]) == {"dti-rank", "dti-score"}
        assert all("dti" in i for i in ids)
        rank = next(r for r in rows if r["id"] == "dti-rank")
        assert set(rank) == {
            "id", "name_vi", "name_en", "pillar", "unit", "kind", "direction", "targets", "actuals",
        }  # fmt: skip
        data = sodoan.load()
        assert (rank["unit"], rank["targets"], rank["actuals"]) == (
            "rank",
            len(data.targets("dti-rank")),
            len(data.actuals("dti-rank")),
        )

    def test_indicators_in_vietnamese_without_diacritics(self) -> None:
        """'kinh te so' finds the digital-economy share first; the table names it in Vietnamese."""
        result = run("indicators", "kinh te so", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows[0]["id"] == "digital-economy-share-grdp"
        assert rows[0]["name_vi"] == "Tỷ trọng kinh tế số trong GRDP"
        table = CliRunner().invoke(main, ["indicators", "kinh te so"], env={"COLUMNS": "100"})
        assert "Tỷ trọng kinh tế số" in table.output
        assert "6 chỉ tiêu" in table.output

    def test_provinces(self) -> None:
        """'Tra Vinh' and 'tuyen quang' find the provinces; merged ones say into what."""
        rows = json.loads(run("provinces", "Tra Vinh", "--format", "json").output)
        assert rows[0]["id"] == "tra-vinh"
        assert rows[0]["successor"] == "vinh-long"
        assert rows[0]["targets"] == len(sodoan.load().targets(province="tra-vinh"))
        rows = json.loads(run("provinces", "tuyen quang", "--format", "json").output)
        assert [r["id"] for r in rows] == ["tuyen-quang"]

    def test_nothing_found(self) -> None:
        """A query that matches nothing says so (exit 0)."""
        result = run("provinces", "zzzz", "--lang", "en")
        assert result.exit_code == 0
        assert result.output.strip() == "Nothing matches 'zzzz'."
        assert json.loads(run("provinces", "zzzz", "--format", "json").output) == []

    def test_all_without_query(self) -> None:
        """Without a query every entry of the codelist is listed."""
        rows = json.loads(run("provinces", "--format", "json").output)
        assert len(rows) == len(sodoan.load().provinces)

    @pytest.mark.parametrize(
        ("args", "suggested"),
        [
            (["compare", "dti"], ["dti-score", "dti-rank"]),
            (["compare", "digital economy"], ["digital-economy-share-grdp"]),
            (["compare", "online-filing-rate", "--province", "Tuyen Qang"], ["tuyen-quang"]),
        ],
        ids=["dti", "digital-economy", "misspelt-province"],
    )
    def test_unknown_ids_suggest_the_closest(self, args: list[str], suggested: list[str]) -> None:
        """Natural input that is no id exits 2 naming the closest ids."""
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert "did you mean" in result.output
        for id in suggested:
            assert f"'{id}'" in result.output

    def test_names_work_as_ids(self) -> None:
        """--province takes a name, with or without diacritics, in either language."""
        for name in ("Tuyên Quang", "tuyen quang", "Tuyen Quang"):
            rows = json.loads(
                run(
                    "compare", "online-filing-rate", "--province", name, "--format", "json", *AS_OF
                ).output
            )
            assert {r["province"] for r in rows} == {"tuyen-quang", "ha-giang"}


class TestExport:
    """sodoan export DIR."""

    def test_datapackage(self, tmp_path: Path) -> None:
        """The default writes the CSV files and datapackage.json, and says how many."""
        result = run("export", str(tmp_path / "out"), "--lang", "en")
        assert result.exit_code == 0
        assert result.output.strip() == f"Wrote 12 files to {tmp_path / 'out'}"
        names = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert "datapackage.json" in names
        assert "targets.csv" in names

    def test_jsonl(self, tmp_path: Path) -> None:
        """--format jsonl writes JSON Lines."""
        assert run("export", str(tmp_path), "--format", "jsonl").exit_code == 0
        first = (tmp_path / "targets.jsonl").read_text(encoding="utf-8").splitlines()[0]
        assert isinstance(json.loads(first)["value"], str)

    def test_unwritable(self, tmp_path: Path) -> None:
        """A path that is a file is an error (exit 2), not a traceback."""
        (tmp_path / "file").write_text("x")
        result = CliRunner().invoke(main, ["export", str(tmp_path / "file" / "sub")])
        assert result.exit_code == 2
        assert result.output.startswith("sodoan: ")


class TestCheck:
    """sodoan check."""

    def test_table(self) -> None:
        """Every finding, with the difference, exit 0."""
        result = run("check", "--lang", "en")
        assert result.exit_code == 0
        assert "503.000 million VND" in result.output
        assert f"{len(sodoan.load().check())} findings" in result.output

    def test_json(self) -> None:
        """json findings carry code, difference and a description."""
        findings = json.loads(run("check", "--format", "json").output)
        assert len(findings) == len(sodoan.load().check())
        budget = next(f for f in findings if f["code"] == "budget-total")
        assert budget["difference"] == {"value": "503.000", "unit": "million_VND"}


class TestValidate:
    """sodoan validate FILE ..."""

    def test_three_valid_two_invalid(self, tmp_path: Path) -> None:
        """Exactly two error lines (file:line: path: message), the summary, exit 1."""
        path = jsonl(
            tmp_path / "a.jsonl",
            [GOOD, {**GOOD, "period": 1800}, GOOD, {**GOOD, "qualifier": "about"}, GOOD],
        )
        result = run("validate", str(path))
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 3
        assert re.match(rf"^{re.escape(str(path))}:2: period: ", lines[0])
        assert re.match(rf"^{re.escape(str(path))}:4: qualifier: ", lines[1])
        assert lines[2] == "1 file(s), 5 records: 3 valid, 2 invalid (2 errors)"

    def test_all_valid(self, tmp_path: Path) -> None:
        """An all-valid file exits 0."""
        result = run("validate", str(jsonl(tmp_path / "ok.ndjson", [GOOD] * 3)))
        assert result.exit_code == 0
        assert result.output.strip() == "1 file(s), 3 records: 3 valid, 0 invalid (0 errors)"

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file exits 2 with a clear message."""
        result = CliRunner().invoke(main, ["validate", str(tmp_path / "missing.jsonl")])
        assert result.exit_code == 2
        assert "cannot read" in result.output
        assert "missing.jsonl" in result.output

    def test_json_document(self) -> None:
        """A (pretty-printed) JSON document is validated whole; its kind is recognised."""
        result = run(
            "validate",
            str(REPO / "src" / "sodoan" / "data" / "plans" / "tra-vinh-50-kh-ubnd-2022.json"),
        )
        assert result.exit_code == 0

    def test_kind_and_content_detection(self, tmp_path: Path) -> None:
        """JSON Lines are recognised by content too; --kind overrides the guess."""
        path = jsonl(tmp_path / "figures.txt", [GOOD, GOOD])
        assert run("validate", str(path)).exit_code == 0
        assert CliRunner().invoke(main, ["validate", "--kind", "target", str(path)]).exit_code == 1

    def test_json_format(self, tmp_path: Path) -> None:
        """--format json gives the errors and per-file counts."""
        path = jsonl(tmp_path / "a.jsonl", [GOOD, {**GOOD, "id": "A"}])
        report = json.loads(
            CliRunner().invoke(main, ["validate", "--format", "json", str(path)]).output
        )
        assert report["files"][0]["invalid"] == 1
        assert report["errors"][0]["path"] == "id"

    def test_usage_error(self) -> None:
        """No file is a usage error."""
        assert CliRunner().invoke(main, ["validate"]).exit_code == 2


class TestOtherCommands:
    """schema, parse, --version, --help."""

    def test_schema(self, tmp_path: Path) -> None:
        """sodoan schema writes the same files as schemas/."""
        result = run("schema", "--out", str(tmp_path))
        assert result.exit_code == 0
        for path in (REPO / "schemas").glob("*.json"):
            assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(
                encoding="utf-8"
            )

    def test_parse(self) -> None:
        """sodoan parse prints the targets read, as a table or JSON."""
        text = "tối thiểu 90% hồ sơ công việc cấp tỉnh (năm 2030 đạt 100%)"
        found = json.loads(run("parse", text, "--year", "2025", "--format", "json").output)
        assert [(t["comparator"], t["value"]["value"], t["due"], t["level"]) for t in found] == [
            ("ge", "90", 2025, "province"),
            ("ge", "100", 2030, "province"),
        ]
        assert "work-file-online-share" in run("parse", text, "--year", "2025").output

    def test_parse_actual(self) -> None:
        """--actual reads results: qualifier and change."""
        found = json.loads(run("parse", "đạt khoảng 85%", "--actual", "--format", "json").output)
        assert [(a["qualifier"], a["value"]["value"]) for a in found] == [("approximately", "85")]

    def test_options_before_the_command_apply_to_it(self) -> None:
        """`sodoan --format json compare X` is `sodoan compare X --format json`; an option the
        command does not take is a usage error (exit 2), never silently ignored."""
        before = run("--format", "json", "compare", "online-filing-rate", *AS_OF)
        after = run("compare", "online-filing-rate", "--format", "json", *AS_OF)
        assert before.exit_code == 0
        assert before.output == after.output
        wrong = run("--as-of", "2026-01-01", "schema")
        assert wrong.exit_code == 2
        assert "--as-of does not apply to 'sodoan schema'" in wrong.output

    def test_version(self) -> None:
        """--version prints the version."""
        assert run("--version").output.startswith("sodoan, version ")

    @pytest.mark.parametrize(
        "command",
        [
            "report",
            "compare",
            "indicators",
            "provinces",
            "check",
            "export",
            "validate",
            "schema",
            "parse",
        ],
    )
    def test_help(self, command: str) -> None:
        """Every command has --help."""
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output


@pytest.mark.skipif(shutil.which("sodoan") is None, reason="the sodoan script is not installed")
class TestEntryPoint:
    """The installed `sodoan` script."""

    def test_plain_80_columns(self) -> None:
        """Piped output has no colour codes and no line wider than 80 columns."""
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
        out = subprocess.run(
            ["sodoan", *AS_OF], check=True, capture_output=True, text=True, env=env
        ).stdout
        assert "\x1b[" not in out
        assert max(len(line) for line in out.splitlines()) <= 80

    def test_piped_at_60_columns(self) -> None:
        """Piped at COLUMNS=60: every figure kept, no line wider, no trailing spaces."""
        env = {**os.environ, "COLUMNS": "60"}
        env.pop("FORCE_COLOR", None)
        out = subprocess.run(
            ["sodoan", "compare", "online-filing-rate", *AS_OF],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        lines = out.splitlines()
        assert "98,26% (2024)" in out
        assert max(len(line) for line in lines) <= 60
        assert not [line for line in lines if line.endswith(" ")]

    @pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
    def test_validate_memory_is_bounded(self, tmp_path: Path) -> None:
        """Validating a 200 MB JSON Lines file in one process, every record with its own id
        (which are kept to find repeats), stays under 150 MB of memory (peak RSS); for -j, see
        benchmarks/bench_bulk.py --memory."""
        head, tail = json.dumps({**GOOD, "id": "ID"}, ensure_ascii=False).split('"ID"')
        path = tmp_path / "big.jsonl"
        number = 0
        with path.open("wb") as stream:
            while stream.tell() < 200_000_000:
                block = "".join(f'{head}"r{n}"{tail}\n' for n in range(number, number + 10_000))
                stream.write(block.encode())
                number += 10_000
        lines, peak_kib = run_with_peak("validate", "-j", "1", str(path))
        assert "0 invalid" in lines[-1]
        assert peak_kib < 150 * 1024
