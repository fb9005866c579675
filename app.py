"""WSGI entry point: `waitress-serve app:app`, `gunicorn app:app` or `flask --app app run`."""
from complaint import create_app
from complaint.warm import warm_up

app = create_app()
warm_up()  # the first letter is then as quick as the rest
