"""Realistic data written straight into each service's freshly migrated database before the
stack serves: the services' own records, row mappings, folding and event builders, inserted in
bulk with SQLAlchemy Core."""
