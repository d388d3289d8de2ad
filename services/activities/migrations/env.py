from activities.adapters.tables import Base

from crm_platform.migration_env import run_migrations

run_migrations(Base.metadata)
