"""Sales declares the deal stages and their names once; the web UI shows each name through
its catalog, so every declared name needs a Chinese translation there."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from sales.domain.deal_stages import DEAL_STAGES

CATALOG = (
    Path(__file__).resolve().parents[2]
    / "gateway/web/translations/zh_Hans_CN/LC_MESSAGES/messages.po"
)


def test_every_declared_stage_name_has_a_chinese_translation():
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    untranslated = [s.name for s in DEAL_STAGES if not (catalog.get(s.name) or None)]
    assert untranslated == []
    assert all(catalog.get(s.name).string for s in DEAL_STAGES)
