"""Registry: the agencies, their people and what they enforce — the 事前公开 half of 公示.

Split along the domain: ``agency`` (the enforcement subject and its departments), ``people``
(posts, officers, auxiliary staff) and ``items`` (事项清单 and what hangs off it).
"""

from sanxiang.registry.models.agency import Agency, Department
from sanxiang.registry.models.base import AgencyOwned
from sanxiang.registry.models.items import (
    DiscretionStandard,
    EnforcementItem,
    HearingStandard,
    RandomInspectionItem,
    ServiceGuide,
)
from sanxiang.registry.models.people import AuxiliaryStaff, EnforcementPost, Officer

__all__ = [
    "Agency",
    "AgencyOwned",
    "AuxiliaryStaff",
    "Department",
    "DiscretionStandard",
    "EnforcementItem",
    "EnforcementPost",
    "HearingStandard",
    "Officer",
    "RandomInspectionItem",
    "ServiceGuide",
]
