"""Enumerations of the review app, with Chinese labels for the UI."""

from django.db import models


class SubmissionStatus(models.TextChoices):
    RETURNED = "returned", "材料不全已退回"
    IN_REVIEW = "in_review", "审核中"
    REREVIEW = "rereview", "复审中"
    OPINION_ISSUED = "opinion_issued", "已出具审核意见"
    ESCALATED = "escalated", "已由负责人决定"
    SUPERSEDED = "superseded", "已被新送审取代"


OPEN_STATUSES = (SubmissionStatus.IN_REVIEW, SubmissionStatus.REREVIEW)


class ConsultationKind(models.TextChoices):
    QUESTION_HANDLERS = "question_handlers", "向承办人员了解情况"
    QUESTION_PARTIES = "question_parties", "向当事人核实情况"
    CONSULTATION = "consultation", "召开论证会、咨询会"
    LEGAL_ADVISER = "legal_adviser", "咨询法律顾问"


class CopyDestination(models.TextChoices):
    CASE_FILE = "case_file", "存入执法案卷"
    REVIEW_ARCHIVE = "review_archive", "法制审核机构留存归档"
