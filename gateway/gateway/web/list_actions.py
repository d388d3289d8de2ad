"""What the list pages' forms post: a bulk action on the rows ticked or on all matching the
list's filters (started as a bulk job, whose page shows its progress), an export of the same
rows as .csv or .xlsx, and a saved view kept or deleted.

Filters come as `f.<name>` fields (the list's filters in force), so "all matching" means what
the page showed; a delete or a cancel asks for confirmation first, naming how many records.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from crm_platform.request_context import current_identity
from gateway.domain.redirects import local_path
from gateway.http.current import clients, current_gateway
from gateway.service import bulk_jobs, saved_views
from gateway.service.bulk_export import EXPORT_MAX, rows_of, to_csv, to_xlsx
from gateway.service.bulk_records import KINDS, all_matching, filter_query
from gateway.service.staff_names import display_names
from gateway.web.lists import SPECS, ListSpec
from gateway.web.session import page

CONFIRMED = ("delete", "cancel")  # actions asked twice
NAMED = ("owner_id", "assignee_id")  # columns exported as the person's name


def add_list_action_routes(bp: Blueprint) -> None:
    @bp.post("/lists/<kind>/bulk")
    @page()
    def start_bulk(kind: str):
        spec, back = _spec(kind), _back(kind)
        action, _sep, value = request.form.get("action", "").partition(":")
        ids, filters = _selection()
        if ids is None and filters is None:
            return _refused(spec, back, _("Tick at least one row, or choose all matching."))
        if action in CONFIRMED and request.form.get("confirmed") != "yes":
            return render_template(
                "bulk/confirm.html",
                spec=spec,
                action=action,
                count=_count(kind, ids, filters),
                back=back,
            )
        request_body = {"kind": kind, "action": action, "value": value}
        request_body |= {"ids": ids} if ids is not None else {"filter": filters}
        try:
            job = bulk_jobs.start(
                current_gateway().deps, clients(), current_identity(), request_body
            )
        except InvalidArgument as refused:
            return _refused(spec, back, refused.message)
        return redirect(url_for("web.bulk_job", job_id=job.id, next=back))

    @bp.get("/bulk-jobs/<job_id>")
    @page()
    def bulk_job(job_id: str):
        job = bulk_jobs.get(current_gateway().deps, g.account.id, job_id)
        spec = SPECS.get(job.kind)
        back = local_path(request.args.get("next")) or (url_for(spec.endpoint) if spec else "")
        return render_template("bulk/job.html", job=job, spec=spec, back=back)

    @bp.post("/lists/<kind>/export")
    @page()
    def export_list(kind: str):
        spec, fmt = _spec(kind), request.args.get("format", "csv")
        if fmt not in ("csv", "xlsx"):
            abort(404)
        ids, filters = _selection()
        if ids is None and filters is None:
            return _refused(spec, _back(kind), _("Tick at least one row, or choose all matching."))
        try:
            items = _records(kind, ids, filters)
        except InvalidArgument as refused:
            return _refused(spec, _back(kind), refused.message)
        return _download(spec, fmt, items)

    @bp.post("/lists/<kind>/views")
    @page()
    def save_view(kind: str):
        spec = _spec(kind)
        filters = {
            name[2:]: value
            for name, value in request.form.items()
            if name.startswith("f.") and value.strip()
        }
        sort = filters.pop("sort", "")
        try:
            view = saved_views.save_view(
                current_gateway().deps,
                g.account.id,
                kind,
                request.form.get("name", ""),
                filters,
                sort,
                request.form.getlist("columns"),
            )
        except (InvalidArgument, AlreadyExists) as refused:
            return _refused(spec, _back(kind), refused.message)
        hide = [c.key for c in spec.columns if c.key not in view.columns]
        return redirect(url_for(spec.endpoint, **view.filters, sort=view.sort or None, hide=hide))

    @bp.post("/saved-views/<view_id>/delete")
    @page()
    def delete_saved_view(view_id: str):
        saved_views.delete_view(current_gateway().deps, g.account.id, view_id)
        return redirect(local_path(request.args.get("next")) or url_for("web.home"))


def _spec(kind: str) -> ListSpec:
    if kind not in SPECS:
        abort(404)
    return SPECS[kind]


def _back(kind: str) -> str:
    return local_path(request.form.get("next")) or url_for(SPECS[kind].endpoint)


def _selection() -> tuple[list[str] | None, dict[str, str] | None]:
    """(ids, None) for the rows ticked, (None, filters) for all matching; (None, None) when
    the rows were to be ticked and none was."""
    if request.form.get("scope") == "all":
        return None, {k[2:]: v for k, v in request.form.items() if k.startswith("f.") and v}
    ids = [value for value in request.form.getlist("ids") if value.strip()]
    return (ids, None) if ids else (None, None)


def _count(kind: str, ids: list[str] | None, filters: dict[str, str] | None) -> int:
    if ids is not None:
        return len(ids)
    return KINDS[kind].list(clients(), filter_query(kind, filters or {}, page_size=1)).total


def _records(kind: str, ids: list[str] | None, filters: dict[str, str] | None) -> list[Any]:
    """The ticked records (one no longer there, or hidden from the caller, left out), or all
    matching the filters, at most EXPORT_MAX."""
    if ids is not None:
        found = []
        for record_id in ids[:EXPORT_MAX]:
            try:
                found.append(KINDS[kind].get(clients(), record_id))
            except NotFound:
                continue
        return found
    items = []
    for item in all_matching(clients(), kind, filter_query(kind, filters or {})):
        if len(items) == EXPORT_MAX:
            raise InvalidArgument.field("filter", _("More than %(n)s rows match.", n=EXPORT_MAX))
        items.append(item)
    return items


def _download(spec: ListSpec, fmt: str, items: list[Any]) -> Response:
    columns = [c for c in spec.columns if c.key not in request.form.getlist("hide")]
    fields = [c.key for c in columns]
    header = [str(c.title) for c in columns]
    named = [f for f in fields if f in NAMED]
    names = display_names(
        current_gateway().deps, (getattr(i, f, None) for i in items for f in named)
    )
    rows = [
        [names.get(v, v) if fields[n] in NAMED else v for n, v in enumerate(row)]
        for row in rows_of(items, fields)
    ]
    if fmt == "csv":
        body, mime = to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(str(spec.title), header, rows)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"{spec.kind}.{fmt}"
    return Response(
        body, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _refused(spec: ListSpec, back: str, reason: str):
    return render_template("bulk/refused.html", spec=spec, reason=reason, back=back), 400
