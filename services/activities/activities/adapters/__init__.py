"""Tables, repositories, and the clients of the services that own the related records."""
