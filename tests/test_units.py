"""The unit registry and the unit data files."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from sodoan import UnknownUnitError
from sodoan.units import UNIT_CODES, convert, factor, registry, unit_spec, unit_specs


class TestDefinitions:
    """units.txt (pint) and data/units.json describe the same units."""

    @pytest.mark.parametrize("code", UNIT_CODES)
    def test_dimension_matches_pint(self, code: str) -> None:
        """The dimension in units.json is the one pint derives from units.txt."""
        assert str(registry().get_dimensionality(code)) == unit_spec(code).dimension

    def test_same_codes(self) -> None:
        """units.txt defines every unit code and no other public unit."""
        defined = set(registry())
        assert set(UNIT_CODES) <= defined
        assert defined - set(UNIT_CODES) == {"year"}

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("VND", "1"),
            ("thousand_VND", "1000"),
            ("million_VND", "1000000"),
            ("billion_VND", "1000000000"),
            ("thousand_billion_VND", "1000000000000"),
            ("percent", "1"),
            ("megabit_per_second", "1000000"),
        ],
    )
    def test_factors_are_exact_decimals(self, code: str, expected: str) -> None:
        """Factors to the root unit are exact Decimals."""
        assert factor(code) == Decimal(expected)
        assert isinstance(factor(code), Decimal)

    def test_difference_units_exist(self) -> None:
        """Every unit's difference unit is a known unit of a compatible kind."""
        for spec in unit_specs().values():
            assert spec.difference in UNIT_CODES

    def test_unknown_unit(self) -> None:
        """Unknown units raise UnknownUnitError listing the known ones."""
        with pytest.raises(UnknownUnitError, match="unknown unit 'ton'"):
            convert(Decimal(1), "ton", "VND")


class TestLaziness:
    """Importing sodoan is cheap."""

    def test_import_builds_nothing(self) -> None:
        """A fresh `import sodoan` leaves the registry unbuilt and pint/babel/pandas/matplotlib unimported."""
        code = (
            "import sys, sodoan, sodoan.units as u; "
            "print(u._REGISTRY is None, "
            "[m for m in ('pint', 'babel', 'pandas', 'matplotlib', 'pydantic.main') if m in sys.modules])"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        assert out.strip() == "True []"

    def test_validating_a_measure_does_not_build_the_registry(self) -> None:
        """Validation alone never touches pint."""
        code = (
            "import sys, sodoan, sodoan.units as u; "
            'm = sodoan.Measure.model_validate_json(\'{"value": "92013.235", "unit": "million_VND"}\'); '
            "print(u._REGISTRY is None, 'pint' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        assert out.strip() == "True False"

    def test_comparison_builds_the_registry_once(self) -> None:
        """The first cross-unit comparison builds the registry; later ones reuse it."""
        code = (
            "import sodoan, sodoan.units as u; M = sodoan.Measure; "
            "M(value='92', unit='billion_VND') < M(value='92013.235', unit='million_VND'); r = u._REGISTRY; "
            "M(value='1', unit='thousand_VND') < M(value='1', unit='VND'); print(r is not None and r is u._REGISTRY)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        assert out.strip() == "True"


def test_units_json_is_plain_json() -> None:
    """The unit data file parses as JSON with one entry per unit code."""
    from sodoan._resources import read_text

    data = json.loads(read_text("units.json"))
    assert [entry["code"] for entry in data["units"]] == list(UNIT_CODES)


def test_public_names_resolve() -> None:
    """Every name in sodoan.__all__ resolves, and every lazy name is public."""
    import sodoan

    for name in sodoan.__all__:
        assert getattr(sodoan, name) is not None
    assert set(sodoan._LAZY) <= set(sodoan.__all__)


def test_function_names_are_not_shadowed_by_modules() -> None:
    """Importing every submodule leaves sodoan.assess, sodoan.compare, sodoan.load callable."""
    import importlib
    import pkgutil

    import sodoan

    for module in pkgutil.iter_modules(sodoan.__path__):
        if module.name != "__main__":  # running it is the command, not an import
            importlib.import_module(f"sodoan.{module.name}")
    for name in sodoan.__all__:
        value = getattr(sodoan, name)
        assert not isinstance(value, type(sodoan)), f"sodoan.{name} is a module"
