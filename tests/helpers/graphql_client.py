"""The `graphql` fixture's client (tests/conftest.py)."""

import json


class GraphQLClient:
    """Posts to the real /graphql/ URL, so tests see what partner websites see."""

    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None, **headers):
        body = {"query": query, "variables": variables or {}}
        return self.client.post(
            "/graphql/", data=json.dumps(body), content_type="application/json", **headers
        )

    def get(self, query, variables=None, **headers):
        params = {"query": query}
        if variables:
            params["variables"] = json.dumps(variables)
        return self.client.get("/graphql/", params, HTTP_ACCEPT="application/json", **headers)

    def data(self, query, variables=None):
        """The `data` of a request that must succeed without errors."""
        response = self.post(query, variables)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def errors(self, query, variables=None):
        payload = self.post(query, variables).json()
        assert payload.get("errors"), payload
        return payload["errors"]


def codes(errors):
    """The `extensions.code`s of a GraphQL answer's errors."""
    return {e["extensions"]["code"] for e in errors}
