"""Who enforces: posts (执法岗位), officers (执法人员) and auxiliary staff (辅助人员)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from sanxiang.registry.choices import CertificateCheck, CertificateStatus, Gender
from sanxiang.registry.models.agency import Department
from sanxiang.registry.models.base import AgencyOwned


class EnforcementPost(AgencyOwned):
    """执法岗位 — an enforcement post and its duties (岗位职责).

    The annual statistics report counts 执法岗位设置数量 and 在岗执法人员数量
    (武汉市科技局公示办法 第九条(二)); service windows publish 岗位职责
    (柳州市科技局公示制度 第七条(二)).
    """

    name = models.CharField("岗位名称", max_length=100)
    department = models.ForeignKey(
        Department, verbose_name="所属机构", on_delete=models.PROTECT, related_name="posts"
    )
    duties = models.TextField("岗位职责")
    headcount = models.PositiveSmallIntegerField("岗位人数", default=1)

    class Meta:
        verbose_name = "执法岗位"
        verbose_name_plural = "执法岗位"
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "department", "name"], name="registry_post_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department.name} · {self.name}"


class Officer(AgencyOwned):
    """执法人员 — a person holding an enforcement certificate (执法证).

    Published: 姓名、性别、年龄、职务、执法证件号码及其有效期 (市人社局公示办法 第六条(三));
    only holders of a valid certificate may enforce (行政处罚法 第四十二条), and the case app asks
    :meth:`certificate_valid_on` before assigning an officer. The birth year is kept for internal
    use; the public portal does not show it: the same 第五条 protects personal privacy, and the
    platform's rule is that personal fields stay off the portal.
    """

    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField("出生年份", null=True, blank=True)
    title = models.CharField("职务", max_length=100, blank=True)
    department = models.ForeignKey(
        Department, verbose_name="所属机构", on_delete=models.PROTECT, related_name="officers"
    )
    post = models.ForeignKey(
        EnforcementPost,
        verbose_name="执法岗位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )
    cert_no = models.CharField("执法证号", max_length=40)
    cert_issuer = models.CharField("发证机关", max_length=100, blank=True)
    cert_valid_from = models.DateField("证件有效期起")
    cert_valid_until = models.DateField("证件有效期止")
    cert_status = models.CharField(
        "证件状态",
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    enforcement_area = models.CharField("执法区域", max_length=200, blank=True)
    has_legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    legal_qualification_no = models.CharField("法律职业资格证书编号", max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="平台账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer",
    )

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "cert_no"], name="registry_officer_cert_no"),
            models.CheckConstraint(
                condition=models.Q(cert_valid_until__gte=models.F("cert_valid_from")),
                name="registry_officer_cert_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(has_legal_qualification=True)
                | models.Q(legal_qualification_no=""),
                name="registry_officer_qualification_no",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.cert_no}）"

    def certificate_check_on(self, day: datetime.date) -> CertificateCheck:
        """The state of the certificate on ``day``: valid, or why not."""
        if not self.is_active:
            return CertificateCheck.INACTIVE
        if self.cert_status == CertificateStatus.REVOKED:
            return CertificateCheck.REVOKED
        if self.cert_status == CertificateStatus.SUSPENDED:
            return CertificateCheck.SUSPENDED
        if day < self.cert_valid_from:
            return CertificateCheck.NOT_YET_VALID
        if day > self.cert_valid_until:
            return CertificateCheck.EXPIRED
        return CertificateCheck.VALID

    def certificate_valid_on(self, day: datetime.date) -> bool:
        """Whether the officer may enforce on ``day`` (行政处罚法 第四十二条: 具有行政执法资格)."""
        return self.certificate_check_on(day) == CertificateCheck.VALID

    def certificate_expires_within(self, day: datetime.date, days: int) -> bool:
        """Valid on ``day`` but expiring within ``days`` calendar days: time to renew."""
        return self.certificate_valid_on(day) and (self.cert_valid_until - day).days < days


class AuxiliaryStaff(AgencyOwned):
    """辅助人员 — staff hired to assist enforcement, who may not decide anything themselves.

    聘用辅助人员从事执法辅助活动的，还应当主动公示辅助人员的工作职责、辅助权限、工作证件样式
    (市人社局行政执法公示办法 第六条; 武汉市科技局公示办法 第八条(三): 辅助人员身份信息).
    """

    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name="所属机构",
        on_delete=models.PROTECT,
        related_name="auxiliary_staff",
    )
    badge_no = models.CharField("工作证号", max_length=40)
    duties = models.TextField("工作职责")
    permissions = models.TextField("辅助权限")
    badge_style = models.TextField(
        "工作证件样式", help_text="证件的式样说明（颜色、版式、标注内容）。"
    )

    class Meta:
        verbose_name = "辅助人员"
        verbose_name_plural = "辅助人员"
        ordering = ["agency_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "badge_no"], name="registry_aux_badge_no")
        ]

    def __str__(self) -> str:
        return f"{self.name}（辅助人员）"
