"""Accounts API: who am I (``GET /api/me``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from sanxiang.accounts.api_auth import API_AUTH, api_user

router = Router(auth=API_AUTH)


class MeOut(Schema):
    username: str
    display_name: str
    agency: str | None
    agency_name: str | None
    roles: list[str]


@router.get("/me", response=MeOut, url_name="accounts-me", summary="当前用户及其机关和角色")
def me(request: HttpRequest) -> MeOut:
    user = api_user(request)
    agency = user.agency
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        agency=agency.slug if agency else None,
        agency_name=agency.name if agency else None,
        roles=sorted(user.role_set()),
    )
