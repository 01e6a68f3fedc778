"""CEL conditions of policy packs: parse, type-check against the documented facts, evaluate.

Pure module (no Django). Conditions are evaluated by cel-python's interpreter over a facts dict,
never by Python ``eval``. The type-checker covers the subset packs use (documented in
docs/policy-pack-format.md): identifiers naming facts, literals, ``== != < <= > >=``, ``&& || !``,
``in`` on lists, ``+ - * / %``, ``size()``, ``? :``, list literals, ``.contains/.startsWith/
.endsWith`` on strings and field access on object facts. Anything else is refused at load so that a
pack cannot hold a condition nobody can reason about.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import celpy
from celpy import celparser, celtypes
from lark import Token, Tree

__all__ = [
    "CelError",
    "CelType",
    "Condition",
    "MissingFact",
    "check",
    "compile_condition",
    "evaluate",
    "fact_types",
]


class CelError(Exception):
    """A condition that does not parse, does not type-check, or fails to evaluate."""


class MissingFact(CelError):
    """The case lacks a fact the condition names; the caller must record it first."""

    def __init__(self, names: list[str], expression: str) -> None:
        self.names = names
        self.expression = expression
        super().__init__(f"missing fact(s) {', '.join(names)} for condition `{expression}`")


@dataclass(frozen=True)
class CelType:
    name: str  # int double string bool timestamp duration null list object dyn
    elem: CelType | None = None
    fields: Mapping[str, CelType] = field(default_factory=dict)
    values: tuple[str, ...] | None = None  # allowed values of an enumerated string fact

    def __str__(self) -> str:
        if self.name == "list":
            return f"list<{self.elem}>"
        return self.name


INT = CelType("int")
DOUBLE = CelType("double")
STRING = CelType("string")
BOOL = CelType("bool")
NULL = CelType("null")
DYN = CelType("dyn")
TIMESTAMP = CelType("timestamp")
DURATION = CelType("duration")
NUMERIC = frozenset({"int", "double", "uint"})
_SCALARS = {
    "int": INT,
    "double": DOUBLE,
    "string": STRING,
    "bool": BOOL,
    "timestamp": TIMESTAMP,
    "duration": DURATION,
}


def type_from_spec(
    type_name: str,
    *,
    values: list[str] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> CelType:
    """A CelType from a [facts] entry (``fields`` maps names to Fact-like objects)."""
    if type_name == "list<string>":
        return CelType("list", elem=STRING)
    if type_name == "object":
        return CelType(
            "object",
            fields={
                name: type_from_spec(f.type, values=f.values, fields=f.fields)
                for name, f in (fields or {}).items()
            },
        )
    if type_name == "string" and values:
        return CelType("string", values=tuple(values))
    return _SCALARS[type_name]


def fact_types(facts: Mapping[str, Any]) -> dict[str, CelType]:
    """Type environment from a pack's ``facts`` table (schema.Fact values)."""
    return {
        name: type_from_spec(f.type, values=f.values, fields=f.fields) for name, f in facts.items()
    }


@functools.cache
def _parser() -> celparser.CELParser:
    return celparser.CELParser()


def parse(expression: str) -> Tree:
    try:
        return _parser().parse(expression)
    except celparser.CELParseError as exc:
        raise CelError(
            f"CEL syntax error in `{expression}`: {_syntax_detail(exc, expression)}"
        ) from None
    except Exception as exc:  # lark raises several classes for malformed input
        raise CelError(f"CEL syntax error in `{expression}`: {type(exc).__name__}") from None


def _syntax_detail(exc: celparser.CELParseError, expression: str) -> str:
    lines = expression.splitlines() or [""]
    line, column = exc.line or 1, exc.column or 0
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if column < 1 or (line >= len(lines) and column > len(text.rstrip())):
        return "unexpected end of expression"
    where = f"line {line}, column {column}" if len(lines) > 1 else f"column {column}"
    return f"unexpected `{text[column - 1]}` at {where}"


# ---------------------------------------------------------------- type-checker


class _Checker:
    def __init__(self, env: Mapping[str, CelType]) -> None:
        self.env = env
        self.names: set[str] = set()

    def kids(self, node: Tree) -> list[Any]:
        return [c for c in node.children if c is not None]

    def type_of(self, node: Any) -> CelType:
        if not isinstance(node, Tree):
            raise CelError(f"unsupported token {node!r}")
        handler = getattr(self, f"t_{node.data}", None)
        if handler is None:
            raise CelError(f"unsupported CEL construct `{node.data}`")
        result: CelType = handler(node)
        return result

    def single(self, node: Tree) -> CelType:
        kids = self.kids(node)
        return self.type_of(kids[0])

    t_primary = single
    t_paren_expr = single

    def t_expr(self, node: Tree) -> CelType:
        kids = self.kids(node)
        if len(kids) == 1:
            return self.type_of(kids[0])
        cond, yes, no = (self.type_of(k) for k in kids)
        self.expect_bool(cond, "?:")
        if not _compatible(yes, no):
            raise CelError(f"branches of ?: have different types {yes} and {no}")
        return yes if yes.name != "null" else no

    def t_conditionalor(self, node: Tree) -> CelType:
        return self.logical(node, "||")

    def t_conditionaland(self, node: Tree) -> CelType:
        return self.logical(node, "&&")

    def logical(self, node: Tree, op: str) -> CelType:
        kids = self.kids(node)
        if len(kids) == 1:
            return self.type_of(kids[0])
        for kid in kids:
            self.expect_bool(self.type_of(kid), op)
        return BOOL

    def expect_bool(self, t: CelType, op: str) -> None:
        if t.name not in ("bool", "dyn"):
            raise CelError(f"operator {op} needs bool, got {t}")

    def binary(self, node: Tree) -> tuple[str, CelType, CelType, Tree, Tree] | None:
        kids = self.kids(node)
        if len(kids) == 1:
            return None
        op_node, right = kids
        (left,) = self.kids(op_node)
        return op_node.data, self.type_of(left), self.type_of(right), left, right

    def t_relation(self, node: Tree) -> CelType:
        parts = self.binary(node)
        if parts is None:
            return self.single(node)
        op, left, right, left_node, right_node = parts
        symbol = _RELATION_SYMBOLS[op]
        if op == "relation_in":
            if right.name == "dyn":
                return BOOL
            if right.name != "list" or right.elem is None:
                raise CelError(f"right side of `in` must be a list, got {right}")
            if not _compatible(left, right.elem):
                raise CelError(f"`in` tests a {left} against a {right}")
            self.check_enum(left, right_node)
            return BOOL
        if op in ("relation_eq", "relation_ne"):
            if not _compatible(left, right):
                raise CelError(f"cannot compare {left} with {right} ({symbol})")
            self.check_enum(left, right_node)
            self.check_enum(right, left_node)
            return BOOL
        if left.name == "dyn" or right.name == "dyn":
            return BOOL
        if left.name != right.name or left.name not in (
            "int",
            "double",
            "uint",
            "string",
            "timestamp",
            "duration",
        ):
            raise CelError(f"cannot compare {left} with {right} ({symbol})")
        return BOOL

    def check_enum(self, enum_type: CelType, other: Tree) -> None:
        """`party_kind == "persn"` is a typo the checker can see: the fact lists its values."""
        if not enum_type.values:
            return
        for literal in _string_literals(other):
            if literal not in enum_type.values:
                allowed = ", ".join(f'"{v}"' for v in enum_type.values)
                raise CelError(f'"{literal}" is not a value of this fact (one of {allowed})')

    def t_addition(self, node: Tree) -> CelType:
        parts = self.binary(node)
        if parts is None:
            return self.single(node)
        op, left, right, _, _ = parts
        symbol = "+" if op == "addition_add" else "-"
        if "dyn" in (left.name, right.name):
            return DYN
        if left.name == right.name and left.name in NUMERIC:
            return left
        if (
            symbol == "+"
            and left.name == right.name
            and left.name in ("string", "list", "duration")
        ):
            return CelType(left.name, elem=left.elem)
        if left.name == "timestamp" and right.name == "duration":
            return TIMESTAMP
        if symbol == "-" and left.name == right.name == "timestamp":
            return DURATION
        if symbol == "-" and left.name == right.name == "duration":
            return DURATION
        raise CelError(f"cannot apply {symbol} to {left} and {right}")

    def t_multiplication(self, node: Tree) -> CelType:
        parts = self.binary(node)
        if parts is None:
            return self.single(node)
        op, left, right, _, _ = parts
        symbol = {"multiplication_mul": "*", "multiplication_div": "/", "multiplication_mod": "%"}[
            op
        ]
        if "dyn" in (left.name, right.name):
            return DYN
        if left.name == right.name and left.name in NUMERIC:
            if symbol == "%" and left.name == "double":
                raise CelError("cannot apply % to double")
            return left
        raise CelError(f"cannot apply {symbol} to {left} and {right}")

    def t_unary(self, node: Tree) -> CelType:
        kids = self.kids(node)
        if len(kids) == 1:
            return self.type_of(kids[0])
        op, operand = kids
        t = self.type_of(operand)
        if op.data == "unary_not":
            self.expect_bool(t, "!")
            return BOOL
        if t.name not in NUMERIC | {"dyn", "duration"}:
            raise CelError(f"cannot negate {t}")
        return t

    def t_member(self, node: Tree) -> CelType:
        return self.single(node)

    def t_member_dot(self, node: Tree) -> CelType:
        target, name = self.kids(node)
        t = self.type_of(target)
        if t.name == "dyn":
            return DYN
        if t.name != "object":
            raise CelError(f"{t} has no field `{name}`")
        if str(name) not in t.fields:
            raise CelError(f"unknown field `{name}`")
        return t.fields[str(name)]

    def t_member_dot_arg(self, node: Tree) -> CelType:
        kids = self.kids(node)
        target, name = kids[0], str(kids[1])
        if name not in ("size", "contains", "startsWith", "endsWith"):
            raise CelError(f"unsupported method `{name}()`")
        args = self.args(kids[2] if len(kids) > 2 else None)
        t = self.type_of(target)
        if name == "size" and not args:
            return self.size_of(t)
        if name in ("contains", "startsWith", "endsWith") and len(args) == 1:
            if t.name in ("string", "dyn") and args[0].name in ("string", "dyn"):
                return BOOL
            raise CelError(f"{name}() needs string arguments, got {t} and {args[0]}")
        raise CelError(f"unsupported method `{name}()`")

    def t_member_index(self, node: Tree) -> CelType:
        target, index = self.kids(node)
        t, i = self.type_of(target), self.type_of(index)
        if t.name == "list" and i.name in ("int", "dyn"):
            return t.elem or DYN
        if t.name == "dyn":
            return DYN
        raise CelError(f"cannot index {t} with {i}")

    def t_member_object(self, node: Tree) -> CelType:
        raise CelError("message construction is not supported")

    def args(self, exprlist: Tree | None) -> list[CelType]:
        if exprlist is None:
            return []
        return [self.type_of(e) for e in self.kids(exprlist)]

    def size_of(self, t: CelType) -> CelType:
        if t.name not in ("string", "list", "dyn"):
            raise CelError(f"size() needs a string or list, got {t}")
        return INT

    def t_ident_arg(self, node: Tree) -> CelType:
        kids = self.kids(node)
        name = str(kids[0])
        if name not in ("size", "int", "double", "string", "timestamp", "duration"):
            raise CelError(f"unsupported function `{name}()`")
        args = self.args(kids[1] if len(kids) > 1 else None)
        if name == "size" and len(args) == 1:
            return self.size_of(args[0])
        conversions = {"int": INT, "double": DOUBLE, "string": STRING}
        if name in conversions and len(args) == 1:
            return conversions[name]
        if name == "timestamp" and len(args) == 1 and args[0].name in ("string", "dyn"):
            return TIMESTAMP
        if name == "duration" and len(args) == 1 and args[0].name in ("string", "dyn"):
            return DURATION
        raise CelError(f"unsupported function `{name}()`")

    def t_ident(self, node: Tree) -> CelType:
        name = str(self.kids(node)[0])
        if name not in self.env:
            raise CelError(f"unknown fact `{name}`")
        self.names.add(name)
        return self.env[name]

    def t_dot_ident(self, node: Tree) -> CelType:
        raise CelError("qualified names are not supported")

    t_dot_ident_arg = t_dot_ident

    def t_map_lit(self, node: Tree) -> CelType:
        raise CelError("map literals are not supported")

    def t_list_lit(self, node: Tree) -> CelType:
        kids = self.kids(node)
        elems = self.args(kids[0] if kids else None)
        if not elems:
            return CelType("list", elem=DYN)
        first = elems[0]
        for other in elems[1:]:
            if not _compatible(first, other):
                raise CelError(f"list mixes {first} and {other}")
        return CelType("list", elem=first)

    def t_literal(self, node: Tree) -> CelType:
        token: Token = self.kids(node)[0]
        kind = token.type
        if kind == "INT_LIT":
            return INT
        if kind == "UINT_LIT":
            return CelType("uint")
        if kind == "FLOAT_LIT":
            return DOUBLE
        if kind in ("STRING_LIT", "MLSTRING_LIT"):
            return STRING
        if kind == "BOOL_LIT":
            return BOOL
        if kind == "NULL_LIT":
            return NULL
        raise CelError(f"unsupported literal {token}")


_RELATION_SYMBOLS = {
    "relation_lt": "<",
    "relation_le": "<=",
    "relation_gt": ">",
    "relation_ge": ">=",
    "relation_eq": "==",
    "relation_ne": "!=",
    "relation_in": "in",
}


def _compatible(a: CelType, b: CelType) -> bool:
    # int and double do not mix: cel-python refuses 1 == 1.0 at run time, so we refuse it at load.
    if "dyn" in (a.name, b.name) or "null" in (a.name, b.name):
        return True
    if a.name != b.name:
        return False
    if a.name == "list" and a.elem and b.elem:
        return _compatible(a.elem, b.elem)
    return True


def _string_literals(node: Tree) -> list[str]:
    """String literals that are the whole of `node` (a literal or a list literal of literals)."""
    found: list[str] = []
    current: Any = node
    while isinstance(current, Tree) and len([c for c in current.children if c is not None]) == 1:
        (current,) = [c for c in current.children if c is not None]
        if isinstance(current, Tree) and current.data == "exprlist":
            break
    if isinstance(current, Token) and current.type == "STRING_LIT":
        found.append(_unquote(str(current)))
    elif isinstance(current, Tree) and current.data == "exprlist":
        for item in current.children:
            if isinstance(item, Tree):
                found.extend(_string_literals(item))
    return found


def _unquote(text: str) -> str:
    if text[:1] in "rR":
        return text[2:-1]
    return bytes(text[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def check(expression: str, env: Mapping[str, CelType], *, want_bool: bool = True) -> set[str]:
    """Parse and type-check `expression`; returns the fact names it uses, raises CelError."""
    tree = parse(expression)
    checker = _Checker(env)
    result = checker.type_of(tree)
    if want_bool and result.name not in ("bool", "dyn"):
        raise CelError(f"condition must be bool, got {result}")
    return checker.names


# ---------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Condition:
    """A compiled condition. Build with `compile_condition`; evaluation is side-effect free."""

    expression: str
    names: frozenset[str]
    program: Any  # celpy Runner

    def evaluate(
        self, facts: Mapping[str, Any], *, types: Mapping[str, CelType] | None = None
    ) -> bool:
        missing = sorted(name for name in self.names if name not in facts)
        if missing:
            raise MissingFact(missing, self.expression)
        activation = {name: _to_cel(facts[name], (types or {}).get(name)) for name in self.names}
        try:
            result = self.program.evaluate(activation)
        except celpy.CELEvalError as exc:
            raise CelError(f"cannot evaluate `{self.expression}`: {exc.args[0]}") from None
        if isinstance(result, celpy.CELEvalError):
            raise CelError(f"cannot evaluate `{self.expression}`: {result.args[0]}")
        if not isinstance(result, celtypes.BoolType):
            raise CelError(f"`{self.expression}` gave {type(result).__name__}, not bool")
        return bool(result)


@functools.lru_cache(maxsize=2048)
def compile_condition(expression: str) -> Condition:
    """Compile once; the names come from the parse tree so a missing fact is reported clearly."""
    tree = parse(expression)
    names = frozenset(
        str(node.children[0]) for node in tree.iter_subtrees() if node.data == "ident"
    )
    env = celpy.Environment()
    try:
        program = env.program(env.compile(expression))
    except Exception as exc:
        raise CelError(f"CEL syntax error in `{expression}`: {type(exc).__name__}") from None
    return Condition(expression=expression, names=names, program=program)


def evaluate(
    expression: str, facts: Mapping[str, Any], *, types: Mapping[str, CelType] | None = None
) -> bool:
    return compile_condition(expression).evaluate(facts, types=types)


def _to_cel(value: Any, declared: CelType | None) -> Any:
    # A whole number handed in for a double fact (a fine of 5000 yuan) must compare as a double.
    if (
        declared is not None
        and declared.name == "double"
        and isinstance(value, int)
        and not isinstance(value, bool)
    ):
        return celtypes.DoubleType(float(value))
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise CelError("naive datetime in facts; use an aware datetime (Asia/Shanghai)")
        return celtypes.TimestampType(value)
    if isinstance(value, dt.timedelta):
        return celtypes.DurationType(value)
    if isinstance(value, Mapping):
        sub = declared.fields if declared is not None else {}
        return celtypes.MapType(
            {celtypes.StringType(k): _to_cel(v, sub.get(k)) for k, v in value.items()}
        )
    return celpy.json_to_cel(value)
