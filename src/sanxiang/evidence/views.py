"""Download of a stored recording or attachment: streamed, verified, and registered."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import role_required
from sanxiang.archive.access import register_av_copy
from sanxiang.core.errors import NotInScope
from sanxiang.evidence import selectors
from sanxiang.evidence.backends import default_store
from sanxiang.evidence.choices import BlobStatus

READERS = (
    Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.HEAD, Role.ARCHIVIST, Role.SUPERVISOR,
)  # fmt: skip


@role_required(*READERS)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """调阅音像记录: every download is a row of the access register (and a ledger entry)."""
    user = request.user
    assert isinstance(user, User)
    try:
        item = selectors.item_for_user(user, pk)
    except NotInScope:
        raise Http404("没有找到该文件。") from None
    if item.blob.status == BlobStatus.DISPOSED:
        return HttpResponse("该文件已按规定销毁，仅保留摘要。", status=410)
    reason = (request.GET.get("reason") or "调阅音像记录").strip()[:200]
    register_av_copy(actor=user, case=item.case, filename=item.filename, reason=reason)
    response = StreamingHttpResponse(
        default_store().open(item.blob.sha256), content_type=item.media_type
    )
    response["Content-Length"] = str(item.blob.size)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.filename)}"
    response["X-Content-SHA256"] = item.blob.sha256
    # role_required is typed for HttpResponse; a streaming response is served the same way.
    return response  # type: ignore[return-value]
