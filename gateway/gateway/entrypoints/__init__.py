"""The gateway's edges: HTTP blueprints and the command line. They only translate."""
