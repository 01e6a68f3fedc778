"""What every app's REST routes share: the refusal body, its status codes, and body parsing.

Every refusal is a 4xx JSON body ``{"code", "message", "rule_id", "cite"}``: 403 for a role the
endpoint does not admit, 404 for an object outside the caller's agency (absent, not forbidden),
409 for a step the rules refuse (the service's own message and citation; nothing was written),
400/422 for a body that is not JSON or not of the documented shape. Bodies are parsed by
:func:`parse_body` inside the handler, after the role and scope gate, so a caller who may not
touch an object learns nothing from how its input would have been judged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from pydantic import ValidationError

from sanxiang.core.errors import NotInScope, RuleViolation, SanxiangError


class ErrorOut(Schema):
    code: str
    message: str
    rule_id: str = ""
    cite: str = ""


class ApiRefusal(Exception):
    """A refusal rendered as ``ErrorOut`` with its status (see :func:`refusal_response`)."""

    def __init__(
        self, status: int, code: str, message: str, *, rule_id: str = "", cite: str = ""
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorOut(code=code, message=message, rule_id=rule_id, cite=cite)

    @classmethod
    def from_error(cls, exc: SanxiangError) -> ApiRefusal:
        if isinstance(exc, RuleViolation):
            return cls(409, exc.code, exc.message, rule_id=exc.rule_id, cite=exc.cite)
        if isinstance(exc, NotInScope):
            return cls(404, exc.code, exc.message)
        return cls(422, exc.code, exc.message)


def refusal_response(request: HttpRequest, exc: ApiRefusal | type[ApiRefusal]) -> HttpResponse:
    """Exception handler for :class:`ApiRefusal`, registered once on the API."""
    from sanxiang.api.api import api

    assert isinstance(exc, ApiRefusal)
    return api.create_response(request, exc.body.model_dump(), status=exc.status)


ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def parse_body[S: Schema](request: HttpRequest, schema: type[S]) -> S:
    """The JSON body as ``schema``. Parsed here rather than by ninja so that a malformed body
    is refused in the same shape as every other refusal, after the role and scope checks."""
    try:
        raw = json.loads(request.body or b"{}")
    except ValueError:
        raise ApiRefusal(400, "invalid_input", "请求体不是有效的 JSON。") from None
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(part) for part in error['loc']) or '请求体'}：{error['msg']}"
            for error in exc.errors()
        )
        raise ApiRefusal(422, "invalid_input", f"请求内容不正确：{problems}") from None


def documented_body(schema: type[Schema]) -> dict[str, Any]:
    """``openapi_extra`` describing a JSON body that :func:`parse_body` parses.

    Nested models are inlined: pydantic's ``#/$defs/…`` references would point into the
    OpenAPI document's root, where no ``$defs`` exist.
    """
    raw = schema.model_json_schema()
    defs = raw.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline(raw)}},
        }
    }


def run_service[T](call: Callable[[], T]) -> T:
    """Call a service; a refusal it raises becomes the matching :class:`ApiRefusal`."""
    try:
        return call()
    except SanxiangError as exc:
        raise ApiRefusal.from_error(exc) from None
