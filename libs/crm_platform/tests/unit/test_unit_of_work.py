import pytest

from crm_platform.unit_of_work import UnitOfWork


def test_using_the_session_outside_a_block_is_a_mistake():
    uow = UnitOfWork(session_factory=None, producer="test")  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="not open"):
        uow.session  # noqa: B018
