"""The database schema's history as Alembic migrations, applied by `complaint init-db` (never by the workers)."""
