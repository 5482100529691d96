"""A word-count API, served by gunicorn from a slim, non-root image."""

import collections
import os
import re

from flask import Flask, jsonify, request

app = Flask(__name__)

WORD = re.compile(r"[a-z']+")


@app.route("/")
def index():
    return jsonify({"service": "python-optimized", "uid": os.getuid()})


@app.route("/count", methods=["GET", "POST"])
def count():
    text = request.get_data(as_text=True) or request.args.get("text", "")
    words = WORD.findall(text.lower())
    top = collections.Counter(words).most_common(3)
    return jsonify({"words": len(words), "top": [{"word": w, "n": n} for w, n in top]})


@app.route("/healthz")
def healthz():
    return "ok\n"
