"""The enforcement subject (执法主体) and its internal departments (内设机构)."""

from __future__ import annotations

from django.db import models

from sanxiang.registry.choices import DepartmentKind, SubjectKind
from sanxiang.registry.models.base import AgencyOwned


class Agency(models.Model):
    """行政执法主体 — an enforcement agency. Every other row in the platform belongs to one.

    ``slug`` names the agency's policy pack (``policy/packs/<slug>.toml``). The other fields are the
    public basic information every seed requires to be published beforehand (事前公开):
    执法主体、职能、内设机构和人员编制、职责分工、管辖范围、执法区域、办公电话、监督电话
    (市人社局行政执法公示办法 第六条(一); 武汉市科技局公示办法 第八条(一);
    柳州市科技局行政执法公示制度 第六条). 内设机构 are :class:`Department` rows.
    """

    slug = models.SlugField("标识", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    subject_kind = models.CharField(
        "主体类型", max_length=20, choices=SubjectKind.choices, default=SubjectKind.STATUTORY
    )
    subject_basis = models.TextField(
        "主体资格依据",
        blank=True,
        help_text="授权或委托的文件，如“受湖北省科学技术厅授权”。",
    )
    functions = models.TextField("职能", blank=True)
    staffing = models.TextField("人员编制", blank=True, help_text="行政编制、事业编制等的核定数。")
    staffing_quota = models.PositiveIntegerField("核定编制数", null=True, blank=True)
    division_of_duties = models.TextField("职责分工", blank=True)
    jurisdiction = models.TextField("管辖范围", blank=True)
    enforcement_area = models.TextField("执法区域", blank=True)
    office_phone = models.CharField("办公电话", max_length=40, blank=True)
    supervision_phone = models.CharField("监督电话", max_length=40, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    website = models.CharField("门户网站", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True, null=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Department(AgencyOwned):
    """内设机构 / 承办机构 — a section of the agency, e.g. 科技合作处 or 法制处.

    Published with the agency's basic info (市人社局公示办法 第六条(一): 内设机构). The kind says
    which part it plays: cases are handled by 执法承办机构, reviewed by the 法制审核机构.
    """

    name = models.CharField("名称", max_length=100)
    kind = models.CharField(
        "机构类别",
        max_length=20,
        choices=DepartmentKind.choices,
        default=DepartmentKind.ENFORCEMENT,
    )
    duties = models.TextField("职责", blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="registry_department_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
