// Real GraphQL clients against a live server, run by tests/test_real_clients.py:
//   node real_clients.mjs audit  <url>   the GraphQL-over-HTTP audit of graphql-http
//   node real_clients.mjs apollo <url>   Apollo Client with its persisted-query link
// Prints one JSON document on stdout; the Python test asserts on it.

import { createHash } from "node:crypto";

const [command, url] = process.argv.slice(2);

async function audit() {
  const { auditServer } = await import("graphql-http");
  const results = await auditServer({ url });
  return results.map(({ id, name, status, reason }) => ({ id, name, status, reason }));
}

// One query per client (its operation name), so each starts with a hash the server does not
// know yet and makes the persisted-query round trip itself.
const portraits = (name) => `
  query Portraits_${name}($town: String) {
    portraits(town: $town, perPage: 10) { items { id slug name } pagination { total } }
  }
`;

async function apollo() {
  const { ApolloClient, HttpLink, InMemoryCache, gql } = await import("@apollo/client");
  const { PersistedQueryLink } = await import("@apollo/client/link/persisted-queries");
  const sha256 = (text) => createHash("sha256").update(text).digest("hex");

  // What each client sent: method, whether the query text or only its hash, and the answer.
  const sent = [];
  const recordingFetch = async (input, init = {}) => {
    const request = new Request(input, init);
    const body = request.method === "POST" ? JSON.parse(await request.clone().text()) : null;
    const params = new URL(request.url).searchParams;
    const extensions = body ? body.extensions : JSON.parse(params.get("extensions") || "{}");
    const response = await fetch(request);
    sent.push({
      method: request.method,
      contentType: request.headers.get("content-type"),
      accept: request.headers.get("accept"),
      withText: Boolean(body ? body.query : params.get("query")),
      hashed: Boolean(extensions?.persistedQuery),
      status: response.status,
      answerType: response.headers.get("content-type"),
    });
    return response;
  };

  const clients = {
    // The CDN-cacheable path of docs/api-caching.md: hashes over GET.
    persistedGet: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
    persistedPost: new PersistedQueryLink({ sha256 }),
    get: null,
  };
  const results = {};
  for (const [name, persisted] of Object.entries(clients)) {
    const http = new HttpLink({
      uri: url,
      fetch: recordingFetch,
      useGETForQueries: name === "get",
    });
    const client = new ApolloClient({
      link: persisted ? persisted.concat(http) : http,
      cache: new InMemoryCache(),
    });
    const requests = [];
    for (const town of ["dessau-rosslau", "dessau-rosslau"]) {
      sent.length = 0;
      let data = null;
      let error = null;
      try {
        ({ data, error } = await client.query({
          query: gql(portraits(name)),
          variables: { town },
          fetchPolicy: "network-only",
        }));
      } catch (thrown) {
        error = thrown;
      }
      requests.push({
        slugs: data ? data.portraits.items.map((item) => item.slug) : null,
        error: error ? String(error) : null,
        sent: [...sent],
      });
    }
    results[name] = requests;
  }
  return results;
}

const run = { audit, apollo }[command];
if (!run) {
  console.error("usage: node real_clients.mjs audit|apollo <url>");
  process.exit(2);
}
process.stdout.write(JSON.stringify(await run()));
