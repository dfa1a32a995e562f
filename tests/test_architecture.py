"""The house: layers without import circles, small modules, one view registry, clean errors."""

from __future__ import annotations

import gc
import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sodoan
from sodoan import errors

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "sodoan"
CYCLES_TOOL = REPO.parent / "shared" / "tools" / "import_cycles.py"


class TestLayers:
    """Imports run downwards: no circle, no module too big to read."""

    def test_no_import_circle(self) -> None:
        """The import-cycle check (imports inside functions and under TYPE_CHECKING count)
        finds no circle in sodoan."""
        if not CYCLES_TOOL.is_file():
            pytest.skip("the import-cycle tool is not beside the repository (../shared/tools)")
        result = subprocess.run(
            [sys.executable, str(CYCLES_TOOL), str(SRC)], capture_output=True, text=True
        )
        assert (result.returncode, result.stdout) == (0, "")

    @pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.name))
    def test_no_module_over_600_lines(self, path: Path) -> None:
        """Every module is at most 600 lines (split by concept beyond that)."""
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600

    @pytest.mark.parametrize(
        ("lower", "higher"),
        [
            ("sodoan.measure", "sodoan.numbers"),
            ("sodoan.model", "sodoan.views"),
            ("sodoan.model", "sodoan.dataset"),
            ("sodoan.assessment", "sodoan.dataset"),
            ("sodoan.assessment", "sodoan.reports"),
            ("sodoan.dataset", "sodoan.reports"),
            ("sodoan.reports", "sodoan.cli"),
        ],
    )
    def test_lower_layers_do_not_load_higher_ones(self, lower: str, higher: str) -> None:
        """Importing a lower layer in a fresh interpreter does not import a higher one."""
        code = f"import sys, {lower}; print({higher!r} in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "False"

    def test_views_are_found_from_any_entry_point(self) -> None:
        """A model's HTML view and a measure's text work without importing sodoan.views first
        (the package gives the view registry its loader)."""
        code = (
            "from sodoan.measure import Measure\n"
            "print(Measure(value='98.26', unit='percent').format('vi'))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "98,26%"


class TestPublicNamespace:
    """What `import sodoan` shows."""

    def test_dir_is_all_and_dunders(self) -> None:
        """dir(sodoan) lists the public names and dunders only (no Any, TYPE_CHECKING, ...)."""
        names = dir(sodoan)
        public = {n for n in names if not (n.startswith("__") and n.endswith("__"))}
        assert public == set(sodoan.__all__) - {"__version__"}
        assert "__version__" in names

    def test_every_public_name_loads(self) -> None:
        """Every name of __all__ is an attribute."""
        for name in sodoan.__all__:
            assert getattr(sodoan, name) is not None


def _error_classes() -> list[type[errors.SodoanError]]:
    return [
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, errors.SodoanError)
    ]


_SAMPLES: dict[str, tuple[Any, ...]] = {
    "UnknownUnitError": ("furlong", ["percent", "count"]),
    "UnitMismatchError": ("percent", "VND", "add"),
    "NumberFormatError": ("98,,26", "vi", "malformed number", ["98,26"], "measure"),
    "UnsupportedLocaleError": ("fr", ["vi", "en"]),
    "UnknownIdError": ("indicator", "online-filing-rat", ["online-filing-rate"]),
    "DataError": ("plans/x.json", "targets.0.value: bad"),
    "MissingDependencyError": ("pandas", "pandas"),
}


class TestErrors:
    """Every sodoan error is a SodoanError that survives a trip to another process."""

    @pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
    def test_pickle_round_trip(self, cls: type[errors.SodoanError]) -> None:
        """pickle.loads(pickle.dumps(e)) has the same type, message and attributes."""
        error = cls(*_SAMPLES.get(cls.__name__, ("a message",)))
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is cls
        assert str(again) == str(error)
        assert vars(again) == vars(error)

    def test_every_error_class_is_sampled_or_plain(self) -> None:
        """A new error class with its own __init__ is added to the pickle samples."""
        for cls in _error_classes():
            if "__init__" in vars(cls):
                assert cls.__name__ in _SAMPLES


class TestHygiene:
    """Library code leaves the interpreter as it found it."""

    def test_assess_many_keeps_the_garbage_collector_on(self) -> None:
        """The collector stays enabled while assess_many runs (no interpreter-wide switch)."""
        data = sodoan.load()
        actual = data.actuals("online-filing-rate", "tuyen-quang", year=2024)[0]
        target = data.targets("online-filing-rate", "tuyen-quang", year=2025)[0]
        seen: list[bool] = []

        def pairs() -> Any:
            for _ in range(3):
                seen.append(gc.isenabled())
                yield actual, target

        assert gc.isenabled()
        assert len(sodoan.assess_many(pairs())) == 3
        assert seen == [True, True, True]

    def test_every_module_imports(self) -> None:
        """Every module of the package imports on its own (no hidden order dependency)."""
        for module in pkgutil.walk_packages(sodoan.__path__, "sodoan."):
            if module.name.endswith("__main__"):
                continue
            importlib.import_module(module.name)
