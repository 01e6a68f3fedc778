"""Every URL is declared in ``core/access.py`` and reachable only with the access it declares.

The walk covers pages, the admin and the REST API, including URLs other apps add later: a new
URL without a declaration fails ``test_every_url_has_a_declaration``; once declared, the guard
test requests it as an anonymous visitor, as each role of agency A (and the supervisor), and —
for a URL naming an object — as a user of agency B, who must get 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path, reverse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import RoleGrant, User
from sanxiang.accounts.scoping import agency_scope, role_required
from sanxiang.core.access import (
    ACCESS,
    AUTHENTICATED,
    PUBLIC,
    Access,
    Level,
    UrlEntry,
    declaration_for,
    roles,
    stale,
    undeclared,
    walk_urls,
)
from sanxiang.registry.models import Agency

ENTRIES = list(walk_urls())
GUARDED = [entry for entry in ENTRIES if entry.name and declaration_for(entry) is not None]

# The one kind of URL that may be probed without a sample: Django admin URLs, which an
# anonymous visitor never gets past whatever the parameters are.
ADMIN_PARAMS = {"object_id": "1", "content_type_id": "1"}


def test_every_url_has_a_declaration() -> None:
    missing = undeclared(ENTRIES)
    assert not missing, (
        "URLs without an access declaration — add them to ACCESS in src/sanxiang/core/access.py:\n"
        + "\n".join(f"    {entry.key!r}: ...,  # /{entry.route}" for entry in missing)
    )


def test_no_declaration_names_a_missing_url() -> None:
    assert stale(ENTRIES) == []


def test_the_walk_reaches_pages_admin_api_and_unnamed_patterns() -> None:
    keys = {entry.key for entry in ENTRIES}
    assert {"core:home", "accounts:login", "admin:index", "api:accounts-me"} <= keys
    assert any(entry.name is None and entry.namespace == "admin" for entry in ENTRIES)
    assert next(e for e in ENTRIES if e.key == "admin:app_list").params == ("app_label",)


def test_an_undeclared_url_is_reported() -> None:
    entries = [
        UrlEntry(key="x:new", name="x:new", namespace="x", route="x/new/", params=()),
        UrlEntry(key="admin:foo", name="admin:foo", namespace="admin", route="a/", params=()),
        UrlEntry(key="y:z:deep", name="y:z:deep", namespace="y:z", route="d/", params=()),
    ]
    table = {"admin:*": PUBLIC, "y:*": PUBLIC, "gone:name": PUBLIC}
    assert [entry.key for entry in undeclared(entries, table)] == ["x:new"]
    assert stale(entries, table) == ["gone:name"]


def test_roles_needs_a_role() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        roles()


class Cast:
    """The people the walk sends: each role of agency A, a role-less user, the supervisor,
    and (made on demand) users of agency B."""

    def __init__(self, agency_a: Agency, agency_b: Agency) -> None:
        self.agency_a = agency_a
        self.agency_b = agency_b
        self._users: dict[tuple[int | None, str], User] = {}

    def user(self, agency: Agency | None, role: str) -> User:
        key = (agency.pk if agency else None, role)
        if key not in self._users:
            # No password: hashing one with Argon2 for each of ~1000 users would dominate the run.
            user = User.objects.create_user(
                username=f"walk-{agency.slug if agency else 'all'}-{role}", agency=agency
            )
            if role != "none":
                RoleGrant.objects.create(user=user, role=role)
            self._users[key] = user
        return self._users[key]

    def agency_a_people(self) -> list[tuple[str, User]]:
        people = [
            (f"A/{role}", self.user(self.agency_a, role))
            for role in Role
            if role != Role.SUPERVISOR
        ]
        people.append(("A/none", self.user(self.agency_a, "none")))
        people.append(("supervisor", self.user(None, Role.SUPERVISOR)))
        return people


def _request(access: Access, url: str, user: User | None) -> HttpResponse:
    client = Client()
    if user is not None:
        client.force_login(user)
    response: HttpResponse = getattr(client, access.method)(url)
    return response


def _url(entry: UrlEntry, access: Access, agency: Agency) -> str:
    assert entry.name is not None
    if access.sample is not None:
        kwargs: dict[str, Any] = access.sample(agency)
    elif not entry.params:
        kwargs = {}
    elif access.level is Level.STAFF:
        app_labels = sorted({model._meta.app_label for model in admin.site._registry})
        kwargs = {p: ADMIN_PARAMS.get(p, app_labels[0]) for p in entry.params}
    else:
        pytest.fail(
            f"{entry.key} has path parameters {entry.params}: declare a sample in ACCESS that "
            "returns them for an object of the given agency"
        )
    url = reverse(entry.name, kwargs=kwargs)
    return f"{url}?{access.query}" if access.query else url


def _login_url(entry: UrlEntry) -> str:
    return reverse("admin:login" if entry.namespace == "admin" else settings.LOGIN_URL)


def _allowed(access: Access, user: User) -> bool:
    return access.level is Level.AUTHENTICATED or user.has_role(*access.roles)


def access_problems(
    entry: UrlEntry, access: Access, agency_a: Agency, agency_b: Agency
) -> list[str]:
    """Request ``entry`` as everyone the walk knows; describe each outcome breaking ``access``."""
    url = _url(entry, access, agency_a)
    problems: list[str] = []

    def check(who: str, response: HttpResponse, expected: set[int] | frozenset[int]) -> None:
        if response.status_code not in expected:
            problems.append(f"{who}: got {response.status_code}, expected {sorted(expected)}")

    anonymous = _request(access, url, None)
    if access.level is Level.PUBLIC:
        check("anonymous", anonymous, access.ok)
    elif entry.is_api:
        check("anonymous", anonymous, {401})
    else:
        check("anonymous", anonymous, {302})
        location = anonymous.get("Location", "")
        if anonymous.status_code == 302 and not location.startswith(_login_url(entry)):
            problems.append(f"anonymous: redirected to {location}, not to the login page")

    cast = Cast(agency_a, agency_b)
    if access.level is Level.STAFF:
        # A logged-in officer without staff status is sent to the admin login as well.
        officer = cast.user(agency_a, Role.OFFICER)
        check("A/officer (not staff)", _request(access, url, officer), {302})
    elif access.level in {Level.AUTHENTICATED, Level.ROLES}:
        for who, user in cast.agency_a_people():
            expected = access.ok if _allowed(access, user) else {403}
            check(who, _request(access, url, user), expected)
        if access.sample is not None:
            # Another agency's object is absent for a user who would otherwise be let in.
            role = next(
                (r for r in sorted(access.roles) if r != Role.SUPERVISOR),
                None if access.level is Level.ROLES else Role.OFFICER,
            )
            if role is not None:
                outsider = cast.user(agency_b, role)
                check(f"B/{role} on A's object", _request(access, url, outsider), {404})
    return [f"{entry.key} ({url}): {problem}" for problem in problems]


@pytest.mark.parametrize("entry", GUARDED, ids=lambda entry: entry.key)
def test_url_is_reachable_only_with_its_access(
    entry: UrlEntry, agency_a: Agency, agency_b: Agency
) -> None:
    access = declaration_for(entry)
    assert access is not None
    problems = access_problems(entry, access, agency_a, agency_b)
    assert not problems, "\n".join(problems)


# --- The walk itself must be able to fail: a small URLconf of right and wrong views. -----------


def _agency_of(slug: str, user: User) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None or not (user.agency_id == agency.pk or agency_scope(user) is None):
        raise Http404
    return agency


@role_required(Role.LEADER, Role.SUPERVISOR)
def _scoped_view(request: HttpRequest, slug: str) -> HttpResponse:
    assert isinstance(request.user, User)
    return HttpResponse(_agency_of(slug, request.user).name)


@role_required(Role.LEADER, Role.SUPERVISOR)
def _leaky_view(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(Agency.objects.get(slug=slug).name)  # no scope: the bug to catch


@login_required
def _any_role_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _open_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


_demo = (
    [
        path("scoped/<slug:slug>/", _scoped_view, name="scoped"),
        path("leaky/<slug:slug>/", _leaky_view, name="leaky"),
        path("any/", _any_role_view, name="any"),
        path("open/", _open_view, name="open"),
    ],
    "walkdemo",
)
urlpatterns = [
    path("walkdemo/", include(_demo)),
    path("accounts/", include("sanxiang.accounts.urls")),
]
DEMO_URLCONF = __name__


def _demo_entry(key: str) -> UrlEntry:
    return next(entry for entry in walk_urls() if entry.key == key)


def _by_slug(agency: Agency) -> dict[str, Any]:
    return {"slug": agency.slug}


@override_settings(ROOT_URLCONF=DEMO_URLCONF)
def test_the_walk_passes_a_correctly_scoped_view(agency_a: Agency, agency_b: Agency) -> None:
    access = roles(Role.LEADER, Role.SUPERVISOR, sample=_by_slug)
    assert access_problems(_demo_entry("walkdemo:scoped"), access, agency_a, agency_b) == []


@override_settings(ROOT_URLCONF=DEMO_URLCONF)
def test_the_walk_catches_another_agencys_object(agency_a: Agency, agency_b: Agency) -> None:
    access = roles(Role.LEADER, Role.SUPERVISOR, sample=_by_slug)
    problems = access_problems(_demo_entry("walkdemo:leaky"), access, agency_a, agency_b)
    assert problems == [
        "walkdemo:leaky (/walkdemo/leaky/wuhan-rsj/): B/leader on A's object: got 200, "
        "expected [404]"
    ]


@override_settings(ROOT_URLCONF=DEMO_URLCONF)
def test_the_walk_catches_a_missing_role_check(agency_a: Agency, agency_b: Agency) -> None:
    problems = access_problems(
        _demo_entry("walkdemo:any"), roles(Role.ARCHIVIST), agency_a, agency_b
    )
    assert "walkdemo:any (/walkdemo/any/): A/officer: got 200, expected [403]" in problems
    assert not any("A/archivist" in problem for problem in problems)


@override_settings(ROOT_URLCONF=DEMO_URLCONF)
def test_the_walk_catches_a_page_open_to_anonymous(agency_a: Agency, agency_b: Agency) -> None:
    problems = access_problems(_demo_entry("walkdemo:open"), AUTHENTICATED, agency_a, agency_b)
    assert problems == ["walkdemo:open (/walkdemo/open/): anonymous: got 200, expected [302]"]


@override_settings(ROOT_URLCONF=DEMO_URLCONF)
def test_the_walk_passes_a_login_only_page(agency_a: Agency, agency_b: Agency) -> None:
    assert access_problems(_demo_entry("walkdemo:any"), AUTHENTICATED, agency_a, agency_b) == []


def test_access_table_is_not_empty() -> None:
    assert len(ACCESS) >= 10
