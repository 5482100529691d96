"""The tutorial's Flask app: a tiny sales dashboard.

Uses all three of its requirements: Flask serves it, pandas summarises an inline table, and requests
builds (but never sends: there is no outbound network at run time) the URL of an upstream report.
"""

import pandas as pd
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

SALES = pd.DataFrame(
    {
        "region": ["north", "south", "north", "east", "south", "east", "north"],
        "units": [12, 7, 5, 9, 14, 3, 8],
        "price": [2.5, 3.0, 2.5, 4.0, 3.0, 4.0, 2.5],
    }
)

UPSTREAM = "https://reports.example.com/api/v1/sales"


@app.route("/")
def index():
    return "Hello from the Flask tutorial app! Try /summary or /report-url?region=north\n"


@app.route("/summary")
def summary():
    revenue = (SALES["units"] * SALES["price"]).groupby(SALES["region"]).sum().sort_index()
    return jsonify(
        {
            "rows": int(len(SALES)),
            "units_total": int(SALES["units"].sum()),
            "revenue_by_region": {region: round(float(v), 2) for region, v in revenue.items()},
            "pandas": pd.__version__,
        }
    )


@app.route("/report-url")
def report_url():
    # A prepared request only: the URL an upstream call would use, with its query encoded.
    params = {"region": request.args.get("region", "all"), "format": "json"}
    prepared = requests.Request("GET", UPSTREAM, params=params).prepare()
    return jsonify({"url": prepared.url, "requests": requests.__version__})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
