"""CEL: type-checking against facts, safe evaluation, clear runtime errors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sanxiang.policy import cel

SHANGHAI = ZoneInfo("Asia/Shanghai")

ENV = {
    "fine_amount": cel.DOUBLE,
    "party_kind": cel.CelType("string", values=("individual", "organization")),
    "hearing_requested": cel.BOOL,
    "officers": cel.INT,
    "tags": cel.CelType("list", elem=cel.STRING),
    "decided_at": cel.TIMESTAMP,
    "party": cel.CelType("object", fields={"name": cel.STRING, "age": cel.INT}),
}


@pytest.mark.parametrize(
    "expression",
    [
        "fine_amount > 3000.0",
        'party_kind == "individual" && fine_amount <= 200.0',
        '!hearing_requested || party_kind in ["organization"]',
        'size(tags) > 0 && "foreign" in tags',
        "officers >= 2 ? hearing_requested : false",
        "(fine_amount + 1.0) * 2.0 > 10.0",
        'party.name.startsWith("张") && party.age > 17',
        'decided_at > timestamp("2026-01-01T00:00:00Z")',
        "tags.size() == 2",
    ],
)
def test_well_typed_conditions_pass(expression: str) -> None:
    cel.check(expression, ENV)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('fine_amount > "abc"', "cannot compare double with string (>)"),
        ("fine_amount > 3000", "cannot compare double with int (>)"),
        ("nope == 1", "unknown fact `nope`"),
        ("hearing_requested && fine_amount", "operator && needs bool, got double"),
        ("!fine_amount", "operator ! needs bool, got double"),
        ('"x" in fine_amount', "right side of `in` must be a list, got double"),
        ("1 in tags", "`in` tests a int against a list<string>"),
        (
            'party_kind == "person"',
            '"person" is not a value of this fact (one of "individual", "organization")',
        ),
        (
            'party_kind in ["individual", "firm"]',
            '"firm" is not a value of this fact (one of "individual", "organization")',
        ),
        ("size(officers) > 1", "size() needs a string or list, got int"),
        ("party.height > 1", "unknown field `height`"),
        ("fine_amount.x", "double has no field `x`"),
        ('tags.exists(t, t == "a")', "unsupported method `exists()`"),
        ("matches(party_kind, 'a')", "unsupported function `matches()`"),
        ('{"a": 1}["a"] == 1', "map literals are not supported"),
        ("fine_amount + 1.0", "condition must be bool, got double"),
        ("officers % 2.0 == 0", "cannot apply % to int and double"),
        ('hearing_requested ? 1 : "x"', "branches of ?: have different types int and string"),
    ],
)
def test_ill_typed_conditions_fail(expression: str, message: str) -> None:
    with pytest.raises(cel.CelError) as caught:
        cel.check(expression, ENV)
    assert str(caught.value) == message


def test_syntax_error_names_the_column() -> None:
    with pytest.raises(cel.CelError) as caught:
        cel.check("fine_amount >> 3.0", ENV)
    assert (
        str(caught.value) == "CEL syntax error in `fine_amount >> 3.0`: unexpected `>` at column 14"
    )


def test_check_returns_the_facts_used() -> None:
    assert cel.check('party_kind == "individual" && fine_amount > 1.0', ENV) == {
        "party_kind",
        "fine_amount",
    }


def test_evaluate_true_and_false() -> None:
    expression = 'party_kind == "individual" && fine_amount <= 200.0'
    assert cel.evaluate(expression, {"party_kind": "individual", "fine_amount": 200.0}) is True
    assert cel.evaluate(expression, {"party_kind": "individual", "fine_amount": 200.5}) is False
    assert cel.evaluate(expression, {"party_kind": "organization", "fine_amount": 1.0}) is False


def test_an_int_for_a_double_fact_is_converted() -> None:
    # Without the declared type, cel-python refuses 5000 == 5000.0.
    assert cel.evaluate("fine_amount == 5000.0", {"fine_amount": 5000}, types=ENV) is True
    with pytest.raises(cel.CelError):
        cel.evaluate("fine_amount == 5000.0", {"fine_amount": 5000})


def test_missing_fact_is_a_clear_error_even_when_short_circuit_would_hide_it() -> None:
    with pytest.raises(cel.MissingFact) as caught:
        cel.evaluate("hearing_requested || fine_amount > 1.0", {"hearing_requested": True})
    assert caught.value.names == ["fine_amount"]
    assert str(caught.value) == (
        "missing fact(s) fine_amount for condition `hearing_requested || fine_amount > 1.0`"
    )


def test_lists_objects_and_timestamps_evaluate() -> None:
    facts = {
        "tags": ["foreign", "repeat"],
        "party": {"name": "张三", "age": 30},
        "decided_at": dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI),
    }
    assert cel.evaluate('"foreign" in tags && size(tags) == 2', facts) is True
    assert cel.evaluate('party.name.startsWith("张") && party.age > 17', facts, types=ENV)
    assert cel.evaluate('decided_at > timestamp("2026-03-01T00:00:00Z")', facts) is True


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(cel.CelError, match="naive datetime"):
        cel.evaluate("decided_at == decided_at", {"decided_at": dt.datetime(2026, 1, 1)})  # noqa: DTZ001


def test_a_non_bool_result_is_an_error() -> None:
    with pytest.raises(cel.CelError, match="not bool"):
        cel.evaluate("fine_amount + 1.0", {"fine_amount": 1.0})


def test_runtime_errors_are_cel_errors_not_tracebacks() -> None:
    with pytest.raises(cel.CelError, match="cannot evaluate"):
        cel.evaluate("fine_amount / 0 == 1", {"fine_amount": 1})


def test_compile_is_cached() -> None:
    assert cel.compile_condition("fine_amount > 1.0") is cel.compile_condition("fine_amount > 1.0")


def test_no_python_eval_reaches_the_facts() -> None:
    # A string fact holding Python is data, never code.
    assert cel.evaluate("party_kind == \"__import__('os')\"", {"party_kind": "x"}) is False
