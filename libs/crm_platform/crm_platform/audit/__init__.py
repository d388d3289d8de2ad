"""The audit log every service keeps: one append-only row per change to one of its records,
written in the change's own transaction, read by admins and managers over gRPC."""
