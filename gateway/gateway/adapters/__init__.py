"""What talks to the outside: the database, password hashing, the services, the broker."""
