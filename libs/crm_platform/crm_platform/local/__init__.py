"""Real servers run as local processes: the Kafka broker and a throwaway PostgreSQL cluster.

Used by `make up` and by the test suite alike, so that both run the same broker the same way.
"""
