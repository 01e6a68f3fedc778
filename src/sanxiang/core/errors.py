"""Errors that carry the rule they enforce.

A refused action names the rule id and the article it comes from, so the user sees *why* in
Chinese and the log records the same in English.
"""

from __future__ import annotations


class SanxiangError(Exception):
    """Base of every domain error; ``message`` is the Chinese text shown to users."""

    code = "error"

    def __init__(self, message: str, *, log_message: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.log_message = log_message or message


class RuleViolation(SanxiangError):
    """An action the policy forbids. ``rule_id`` and ``cite`` come from the policy pack."""

    code = "rule_violation"

    def __init__(
        self, message: str, *, rule_id: str, cite: str, log_message: str | None = None
    ) -> None:
        super().__init__(message, log_message=log_message)
        self.rule_id = rule_id
        self.cite = cite

    def __str__(self) -> str:
        return f"{self.message}（依据：{self.cite}；规则 {self.rule_id}）"


class NotInScope(SanxiangError):
    """The object does not exist for this user: another agency's rows look absent, not forbidden."""

    code = "not_found"
