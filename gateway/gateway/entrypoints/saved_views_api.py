"""Saved views: /api/v1/saved-views, each user's own named list views (filters, sort, columns)
per kind, as the web lists' "Save this view" keeps them."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, g
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import current_gateway
from gateway.models.common import Problem
from gateway.models.saved_views import SavedViewIn, SavedViewList, SavedViewOut, SavedViewQuery
from gateway.service import saved_views


def saved_views_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("saved_views", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "saved views")

    @route("GET", "/saved-views", query=SavedViewQuery, HTTP_200=SavedViewList, HTTP_400=Problem)
    def list_saved_views(query: SavedViewQuery):
        """Your saved views of one kind's list, by name."""
        views = saved_views.list_views(current_gateway().deps, g.account.id, query.kind)
        return SavedViewList(items=[SavedViewOut(**asdict(view)) for view in views])

    @route(
        "POST",
        "/saved-views",
        json=SavedViewIn,
        HTTP_201=SavedViewOut,
        HTTP_400=Problem,
        HTTP_409=Problem,
    )
    def create_saved_view(json: SavedViewIn):
        """Save a list view under a name (one name once per kind)."""
        view = saved_views.save_view(
            current_gateway().deps,
            g.account.id,
            json.kind,
            json.name,
            json.filters,
            json.sort,
            json.columns,
        )
        return SavedViewOut(**asdict(view)), 201

    @route("DELETE", "/saved-views/<view_id>", HTTP_204=None)
    def delete_saved_view(view_id: str):
        """Delete one of your saved views."""
        saved_views.delete_view(current_gateway().deps, g.account.id, view_id)
        return "", 204

    return bp
