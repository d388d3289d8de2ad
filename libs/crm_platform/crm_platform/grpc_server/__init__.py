"""gRPC server bootstrap: health, reflection and the interceptors every service runs behind."""
