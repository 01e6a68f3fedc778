"""The pure redaction core."""

from sanxiang.archive.redaction import MASK, redact, third_party_names


def test_names_in_third_party_fields_are_removed_everywhere() -> None:
    payloads = [
        {"refusal": "王五称系其举报；王五明在场", "witnesses": ["王五", "王五明"]},
        {"content": "询问赵六", "interviewee": "赵六"},
        {"applicant": "某某有限公司"},
    ]
    names = third_party_names(payloads, party_names={"某某有限公司"})
    assert names == {"王五", "王五明", "赵六"}
    out = [redact(p, names) for p in payloads]
    assert out[0] == {"refusal": f"{MASK}称系其举报；{MASK}在场", "witnesses": MASK}
    assert out[1] == {"content": f"询问{MASK}", "interviewee": MASK}
    assert out[2] == {"applicant": "某某有限公司"}  # the party's own name stays


def test_the_party_is_never_masked_as_a_third_party() -> None:
    names = third_party_names([{"interviewee": "某某有限公司"}], party_names={"某某有限公司"})
    assert names == set()
