"""WSGI entry point: `gunicorn app:app`, `waitress-serve app:app` or `flask --app app run`."""
from complaint import create_app
from complaint.letters.warm import warm_up

app = create_app()
warm_up(app)  # typesetting workers started and warm: the first letter is then as quick as the rest
