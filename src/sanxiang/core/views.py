from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sanxiang.core.selectors import public_agencies


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"agencies": public_agencies()})
