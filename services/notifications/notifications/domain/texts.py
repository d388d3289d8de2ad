# ruff: noqa: RUF001 (the Chinese texts use Chinese punctuation, as they should)
"""Each kind's title and body in the languages users may choose, and the record's link.

Rendered once, when the notification is made, in the user's language then (what an e-mail
says cannot change afterwards either)."""

from __future__ import annotations

from collections import defaultdict

LANGUAGES = ("en", "zh-Hans")

_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "task_due": {
        "en": ("Task due: {subject}", 'Your task "{subject}" is due at {due_at}.'),
        "zh-Hans": ("任务即将到期：{subject}", "你的任务“{subject}”将于 {due_at} 到期。"),
    },
    "task_overdue": {
        "en": ("Task overdue: {subject}", 'Your task "{subject}" was due at {due_at}.'),
        "zh-Hans": ("任务已逾期：{subject}", "你的任务“{subject}”已于 {due_at} 到期。"),
    },
    "follow_up_due": {
        "en": (
            "Follow-up due tomorrow: {subject}",
            'Your follow-up "{subject}" is due at {due_at}.',
        ),
        "zh-Hans": ("回访明天到期：{subject}", "你的回访“{subject}”将于 {due_at} 到期。"),
    },
    "follow_up_overdue": {
        "en": ("Follow-up overdue: {subject}", 'Your follow-up "{subject}" was due at {due_at}.'),
        "zh-Hans": ("回访已逾期：{subject}", "你的回访“{subject}”已于 {due_at} 到期。"),
    },
    "ticket_assigned": {
        "en": ("Ticket assigned to you: {subject}", 'The ticket "{subject}" is now yours.'),
        "zh-Hans": ("工单已分配给你：{subject}", "工单“{subject}”现在由你负责。"),
    },
    "ticket_sla_warning": {
        "en": (
            "Ticket near its SLA: {subject}",
            '80 % of the ticket "{subject}"\'s SLA has passed; it is due at {due_at}.',
        ),
        "zh-Hans": (
            "工单即将超出 SLA：{subject}",
            "工单“{subject}”的 SLA 时间已过 80 %，截止于 {due_at}。",
        ),
    },
    "ticket_sla_breached": {
        "en": ("Ticket SLA breached: {subject}", 'The ticket "{subject}" is past its SLA.'),
        "zh-Hans": ("工单已超出 SLA：{subject}", "工单“{subject}”已超出 SLA。"),
    },
    "lead_assigned": {
        "en": ("Lead assigned to you: {subject}", 'The lead "{subject}" is now yours.'),
        "zh-Hans": ("线索已分配给你：{subject}", "线索“{subject}”现在由你负责。"),
    },
    "deal_assigned": {
        "en": ("Deal assigned to you: {subject}", 'The deal "{subject}" is now yours.'),
        "zh-Hans": ("商机已分配给你：{subject}", "商机“{subject}”现在由你负责。"),
    },
    "deal_moved": {
        "en": ("Deal moved: {subject}", 'Your deal "{subject}" moved to {stage}.'),
        "zh-Hans": ("商机阶段变更：{subject}", "你的商机“{subject}”已进入 {stage} 阶段。"),
    },
    "deal_closed": {
        "en": ("Deal closed: {subject}", 'Your deal "{subject}" was closed: {outcome}.'),
        "zh-Hans": ("商机已关闭：{subject}", "你的商机“{subject}”已关闭：{outcome}。"),
    },
    "survey_low_score": {
        "en": (
            "Low survey score: {subject}",
            'A survey on "{subject}" was answered with {score} of 5.',
        ),
        "zh-Hans": (
            "满意度评分偏低：{subject}",
            "“{subject}”的满意度调查得分为 {score}（满分 5）。",
        ),
    },
}

_WORDS = {
    "won": {"en": "won", "zh-Hans": "赢单"},
    "lost": {"en": "lost", "zh-Hans": "丢单"},
    "untitled": {"en": "(untitled)", "zh-Hans": "（无标题）"},
    "digest": {"en": "Your CRM digest", "zh-Hans": "CRM 每日摘要"},
}

# The web UI's page of each kind of record (under its /ui prefix). A follow-up's own page is
# its edit form; a task has none: it links to the record it is about, else to the task list.
_PAGES = {
    "lead": "/leads/{}",
    "deal": "/deals/{}",
    "ticket": "/tickets/{}",
    "follow_up": "/follow-ups/{}/edit",
    "customer": "/customers/{}",
    "contact": "/contacts/{}",
    "campaign": "/campaigns/{}",
}
TASKS_PAGE = "/tasks"


def language_of(preference: str | None) -> str:
    """The gateway's choice ("zh", "zh-Hans", "en", none) as one of LANGUAGES."""
    return "zh-Hans" if (preference or "").lower().startswith("zh") else "en"


def word(name: str, language: str) -> str:
    return _WORDS[name][language]


def render(kind: str, language: str, params: dict[str, str]) -> tuple[str, str]:
    """(title, body); a parameter the event did not give shows as empty, never as an error."""
    title, body = _TEXTS[kind][language]
    values = defaultdict(str, params)
    values["subject"] = params.get("subject") or word("untitled", language)
    if params.get("outcome") in _WORDS:
        values["outcome"] = word(params["outcome"], language)
    return title.format_map(values), body.format_map(values)


def link(related_type: str, related_id: str) -> str:
    page = _PAGES.get(related_type)
    return page.format(related_id) if page and related_id else ""
