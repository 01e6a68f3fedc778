"""Pages of the documents app: a case's documents (staff), downloads, public verification.

Views parse, authorise and call a service or selector (STYLE.md §2). Another agency's case or
document is a 404. The verification page is public (no login): it shows whether an uploaded PDF
is one the agency issued and unaltered, and never the party's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in, role_required
from sanxiang.cases import selectors as case_selectors
from sanxiang.cases.models import Case, CaseRecord
from sanxiang.core.access import CASE_READERS, CASE_WRITERS
from sanxiang.core.errors import NotInScope, SanxiangError
from sanxiang.documents import forms as blank
from sanxiang.documents import selectors, services, store
from sanxiang.documents.doctypes import DOC_TYPES, doc_types_for_record
from sanxiang.documents.models import Document
from sanxiang.documents.verification import Verdict, verify_pdf
from sanxiang.policy.selectors import published_pack
from sanxiang.registry.models import Agency

MAX_UPLOAD = 20 * 1024 * 1024


@dataclass(frozen=True)
class Issuable:
    doc_type: str
    title: str
    record: CaseRecord | None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _case(user: User, pk: int) -> Case:
    try:
        return case_selectors.case_for(user, pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None


def _issuable(case: Case) -> list[Issuable]:
    """Documents the case's records can be made into, then the case-level forms."""
    found = [
        Issuable(spec.id, spec.title, rec)
        for rec in case_selectors.records_of(case)
        for spec in doc_types_for_record(rec.record_type)
    ]
    found += [Issuable(s.id, s.title, None) for s in DOC_TYPES.values() if s.layout == "case"]
    return found


def _issue(request: HttpRequest, user: User, case: Case) -> None:
    if not can_write_in(user, case.agency, *CASE_WRITERS):
        raise PermissionDenied("您无权为本案制作文书。")
    doc_type = request.POST.get("doc_type", "")
    record_id = request.POST.get("record", "")
    record = None
    if record_id:
        if not record_id.isdigit():
            raise Http404("未找到该记录。")
        record = case_selectors.records_of(case).filter(pk=int(record_id)).first()
        if record is None:
            raise Http404("未找到该记录。")
    try:
        document = services.issue_document(actor=user, case=case, doc_type=doc_type, record=record)
    except SanxiangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已制作{document.title} {document.number}".strip())


def _retry(request: HttpRequest, user: User, case: Case) -> None:
    """重新生成: a document whose PDF failed keeps its 文号 and is rendered again."""
    if not can_write_in(user, case.agency, *CASE_WRITERS):
        raise PermissionDenied("您无权为本案制作文书。")
    pk = request.POST.get("retry", "")
    document = selectors.documents_of(case).filter(pk=int(pk)).first() if pk.isdigit() else None
    if document is None:
        raise Http404("未找到该文书。")
    try:
        document = services.retry_render(actor=user, document=document)
    except SanxiangError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已生成{document.title} {document.number}".strip())


@role_required(*CASE_READERS)
@require_http_methods(["GET", "POST"])
def case_documents(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _case(user, pk)
    if request.method == "POST" and request.POST.get("doc_type"):
        _issue(request, user, case)
        return redirect("documents:case", pk=case.pk)
    if request.method == "POST" and request.POST.get("retry"):
        _retry(request, user, case)
        return redirect("documents:case", pk=case.pk)
    can_issue = can_write_in(user, case.agency, *CASE_WRITERS)
    return render(
        request,
        "documents/case_documents.html",
        {
            "case": case,
            "documents": selectors.documents_of(case).select_related("issued_by", "serves"),
            "issuable": _issuable(case) if can_issue else [],
            "can_issue": can_issue,
        },
    )


@role_required(*CASE_READERS)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_for(_user(request), pk)
    except NotInScope as exc:
        raise Http404(exc.message) from None
    return _pdf_response(document)


def _pdf_response(document: Document) -> HttpResponse:
    if document.sha256 is None:
        raise Http404("该文书尚未生成 PDF。")
    try:
        data = store.get(document.sha256)
    except store.BlobMissing:
        raise Http404("文书文件缺失或已损坏。") from None
    # Documents are small (tens of KB): a plain response, not a stream.
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    return response


class VerifyForm(forms.Form):
    file = forms.FileField(label="待核验的 PDF 文书")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """核验文书 — public. ``?code=`` (from the QR code) names the document to compare with."""
    code = request.GET.get("code", "").strip()
    expected = selectors.document_by_code(code) if code else None
    verdict: Verdict | None = None
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", "文件超过 20 MB，不是本平台签发的文书。")
        else:
            verdict = verify_pdf(upload.read())
            if verdict.ok and expected is not None and verdict.document != expected:
                verdict.ok = False
                verdict.reasons.append("上传的文件不是该核验码对应的文书。")
    return render(
        request,
        "documents/verify.html",
        {"form": form, "verdict": verdict, "expected": expected, "code": code},
        status=200,
    )


def _published(slug: str) -> tuple[Agency, list[blank.BlankForm]]:
    """The agency and its blank forms; an agency without a published pack has none (404)."""
    agency = Agency.objects.filter(slug=slug).first()
    pack = published_pack(slug) if agency is not None else None
    if agency is None or pack is None:
        raise Http404("未找到该执法主体。")
    return agency, blank.forms_for(pack)


@require_http_methods(["GET"])
def blank_forms(request: HttpRequest, slug: str) -> HttpResponse:
    """空白执法文书 — public (事前公示): the agency's document types, each a blank PDF."""
    agency, forms_list = _published(slug)
    return render(request, "documents/forms.html", {"agency": agency, "forms": forms_list})


@require_http_methods(["GET"])
def blank_form_pdf(request: HttpRequest, slug: str, doc_type: str) -> HttpResponse:
    agency, forms_list = _published(slug)
    form = next((f for f in forms_list if f.doc_type == doc_type), None)
    if form is None:
        raise Http404("该执法主体没有这种文书。")
    response = HttpResponse(blank.blank_pdf(agency, doc_type), content_type="application/pdf")
    disposition = content_disposition_header(False, f"{agency.name}-{form.title}（空白）.pdf")
    if disposition:
        response["Content-Disposition"] = disposition
    # The same bytes until the pack or template changes; let browsers and proxies keep it a day.
    response["Cache-Control"] = "public, max-age=86400"
    return response
