"""analyze's recommendation names the first closure files the recommended variant lacks but does
not need, with why, from the run's run.json (issue 11 item 4; no engine)."""

from __future__ import annotations

import json
from pathlib import Path

from analyze_fakes import analysed

from imgopt.analyze.render import _absent

PROOF = {
    "verified": True,
    "absent_optional": 4,
    "absent_files": [
        {"path": "/etc/ssl/openssl.cnf", "reason": "config-or-data"},
        {"path": "/usr/lib/locale/C.utf8/LC_CTYPE", "reason": "config-or-data"},
        {"path": "/usr/lib/python3/dist-packages/_distutils_hack/x.pyc", "reason": "package"},
        {"path": "/usr/lib/python3/dist-packages/distutils-precedence.pth", "reason": "x"},
    ],
}


def test_the_recommendation_names_the_first_three_absent_files(tmp_path: Path) -> None:
    t = analysed(tmp_path)
    assert t.recommended is not None and t.recommended.name == "slim-base"
    assert _absent(t, t.recommended) == []  # no run.json: nothing claimed
    (tmp_path / "run.json").write_text(json.dumps({"verification": {"slim-base": PROOF}}))
    assert _absent(t, t.recommended) == [
        "absent but not required: /etc/ssl/openssl.cnf (configuration or data), "
        "/usr/lib/locale/C.utf8/LC_CTYPE (configuration or data), "
        "/usr/lib/python3/dist-packages/_distutils_hack/x.pyc (a third-party package the app "
        "never imported directly) and 1 more"
    ]
