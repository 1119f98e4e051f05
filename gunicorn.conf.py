"""gunicorn's settings, read from this folder by `make run`, the tests' servers and the
benchmark alike; command-line flags override them."""

import os

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WORKERS", 2))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", 4))
# Keep idle connections longer than a learner thinks between two clicks (about 2 to 30 s),
# so a request is not sent down a connection the server is just closing.
keepalive = 30
timeout = 30
