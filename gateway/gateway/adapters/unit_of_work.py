"""The gateway's unit of work: the platform's transaction, with the gateway's repositories."""

from __future__ import annotations

from crm_platform.unit_of_work import UnitOfWork
from gateway.adapters.api_tokens_repository import ApiTokenRepository
from gateway.adapters.audit_repository import AuditRepository
from gateway.adapters.bulk_jobs_repository import BulkJobRepository
from gateway.adapters.login_history_repository import LoginHistoryRepository
from gateway.adapters.saved_views_repository import SavedViewRepository
from gateway.adapters.tokens_repository import TokenRepository
from gateway.adapters.users_repository import UserRepository


class GatewayUnitOfWork(UnitOfWork):
    @property
    def users(self) -> UserRepository:
        return UserRepository(self.session)

    @property
    def tokens(self) -> TokenRepository:
        return TokenRepository(self.session)

    @property
    def api_tokens(self) -> ApiTokenRepository:
        return ApiTokenRepository(self.session)

    @property
    def audit(self) -> AuditRepository:
        return AuditRepository(self.session)

    @property
    def login_history(self) -> LoginHistoryRepository:
        return LoginHistoryRepository(self.session)

    @property
    def saved_views(self) -> SavedViewRepository:
        return SavedViewRepository(self.session)

    @property
    def bulk_jobs(self) -> BulkJobRepository:
        return BulkJobRepository(self.session)
