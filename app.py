"""WSGI entry point: `waitress-serve app:app`, `gunicorn app:app` or `flask --app app run`."""
from complaint import create_app

app = create_app()
