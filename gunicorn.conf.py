"""gunicorn settings read from the project folder: the app alone decides which X-Forwarded-* headers to believe."""
from complaint.config import setting

bind = f"{setting('HOST')}:{setting('PORT')}"
# gunicorn would otherwise set the scheme from X-Forwarded-Proto on any local connection, even with
# TRUSTED_PROXIES=0; complaint.web.security.TrustedProxies reads the headers the same way under both servers.
forwarded_allow_ips = ""
secure_scheme_headers = {}
# Threads let one process serve pages while its requests wait for the typesetting workers; this is gunicorn's
# threaded worker, whose own refusals (a malformed request) also carry the security headers.
worker_class = "complaint.web.server.HardenedWorker"
threads = 8
# gunicorn 23+ opens one control socket per user ($HOME/.gunicorn/gunicorn.ctl): two servers on one machine (the
# tests, `make load`) would fight over it, and nothing here uses it.
control_socket_disable = True
