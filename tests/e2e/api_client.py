"""A small client of the public REST API, for the end-to-end tests."""

from __future__ import annotations

import requests


class ApiClient:
    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.session.request(method, f"{self.base_url}{path}", timeout=10, **kwargs)

    def login(self, username: str, password: str) -> requests.Response:
        return self.request(
            "POST", "/api/v1/auth/login", json={"username": username, "password": password}
        )

    def logged_in(self, username: str, password: str) -> ApiClient:
        response = self.login(username, password)
        assert response.status_code == 200, response.text
        return ApiClient(self.base_url, response.json()["access_token"])
