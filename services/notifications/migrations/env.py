from notifications.adapters.tables import metadata

from crm_platform.migration_env import run_migrations

run_migrations(metadata)
