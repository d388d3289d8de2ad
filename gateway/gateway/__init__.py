"""The CRM gateway: the only HTTP entry, owner of users, roles and tokens."""
