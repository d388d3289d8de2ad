"""Customers in their table, found by id, by normalised company name, or by a search."""

from __future__ import annotations

from sqlalchemy import exists, select

from sales.adapters.listed import ListedRepository
from sales.adapters.tables import ContactRow, CustomerRow, DealRow
from sales.domain.customer import Customer
from sales.domain.text import company_key
from sales.domain.visibility import ListScope


class CustomerRepository(ListedRepository[Customer]):
    record_type = Customer
    row_type = CustomerRow
    audit_type = "customer"

    def _values(self, customer: Customer):
        return {**super()._values(customer), "name_key": customer.name_key()}

    def find_by_company(self, name: str, scope: ListScope) -> Customer | None:
        """The oldest customer in `scope` whose normalised name matches: the one others were
        merged into."""
        query = (
            self.scoped(select(CustomerRow), scope, "")
            .where(CustomerRow.name_key == company_key(name))
            .order_by(CustomerRow.created_at, CustomerRow.id)
            .limit(1)
        )
        row = self.session.scalars(query).first()
        return self._records([row])[0] if row is not None else None

    def in_use(self, customer_id: str) -> bool:
        return bool(
            self.session.scalar(
                select(
                    exists().where(ContactRow.customer_id == customer_id)
                    | exists().where(DealRow.customer_id == customer_id)
                )
            )
        )
