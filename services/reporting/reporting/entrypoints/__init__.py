"""The gRPC servicer, the event handlers and the command line."""
