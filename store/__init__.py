"""The dashboard's SQLite database: schema and build (``build``), read queries (``queries``)."""
