"""The gRPC servicer, the scheduler and the command line."""
