"""The staff web UI: server-rendered Jinja2 pages over the same gRPC calls as the REST API.

Why server-rendered: the REST adapters already give every page its data, forms need no build
step, and a page works without script; a little vanilla JS adds drag and drop to the board.
"""
