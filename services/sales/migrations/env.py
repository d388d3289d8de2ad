from crm_platform.migration_env import run_migrations
from sales.adapters.tables import Base

run_migrations(Base.metadata)
