// Engagierte Stadt embed, version 1 (issue 22; docs/embed.md). Served as /embed/v1.js with
// CONFIG filled in by the server (embed/views.py): the stylesheet, the queries with their
// SHA-256 and the texts. No build, no dependencies, no cookies or storage; it talks only to
// the CMS it was loaded from, with GET persisted queries.
const CONFIG = EMBED_CONFIG;
const API = new URL("/graphql/", import.meta.url);
let sheet = null;

function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CONFIG.css);
  }
  return sheet;
}

function language(value) {
  return CONFIG.texts[value] ? value : "de";
}

async function get(params) {
  const response = await fetch(`${API}?${params}`, {
    credentials: "omit",
    headers: { Accept: "application/json" },
  });
  return response.json();
}

// One persisted query: its hash first; only a server that does not know it gets the text.
async function ask(name, variables) {
  const query = CONFIG.queries[name];
  const params = new URLSearchParams({
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: query.hash } }),
  });
  let body = await get(params);
  const codes = (body.errors || []).map((e) => (e.extensions || {}).code);
  if (codes.includes("PERSISTED_QUERY_NOT_FOUND")) {
    params.set("query", query.text);
    body = await get(params);
  }
  return body;
}

function el(tag, part, text, attributes = {}) {
  const node = document.createElement(tag);
  if (part) {
    node.setAttribute("part", part);
    node.className = `esc-${part}`;
  }
  if (text) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function photo(image) {
  const rendition = image && image.rendition;
  if (!rendition) return null;
  return el("img", "photo", "", {
    src: rendition.url,
    alt: image.alt || "",
    width: rendition.width,
    height: rendition.height,
    loading: "lazy",
  });
}

function nameOf(item) {
  const name = el("p", "name");
  if (item.fullUrl) name.append(el("a", "", item.name, { href: item.fullUrl }));
  else name.textContent = item.name;
  return name;
}

function portraitCard(item, t) {
  const card = el("article", "card");
  card.append(
    ...[photo(item.photo), nameOf(item), el("p", "text", t.quote + item.quote)].filter(Boolean),
  );
  if (item.town) card.append(el("p", "meta", item.town.name));
  return card;
}

function programmeCard(item, t) {
  const card = el("article", "card");
  card.append(el("p", "name", item.title), el("p", "text", item.teaser));
  const href = item.externalUrl || item.fullUrl;
  if (href) {
    const more = el("p", "meta");
    more.append(el("a", "", t.more, { href, "aria-label": `${t.more}: ${item.title}` }));
    card.append(more);
  }
  return card;
}

function townCard(item, t) {
  const card = el("article", "card");
  card.append(el("p", "name", item.name));
  if (item.website) {
    const site = el("p", "meta");
    site.append(el("a", "", t.website, { href: item.website, "aria-label": `${t.website}: ${item.name}` }));
    card.append(site);
  }
  return card;
}

// schema.org JSON-LD of what the element shows (embed/structured_data.py builds the same for
// the iframe page), in the element's light DOM, where search engines read it: a portrait is a
// Person (an initiative an Organization) only while it is shown; a notice removes the markup.
function pruned(thing) {
  const kept = Object.entries(thing).filter(
    ([, value]) => value != null && value !== "" && !(Array.isArray(value) && !value.length),
  );
  return Object.fromEntries(kept);
}

function portraitThing(item) {
  const place = item.town && item.town.name ? { "@type": "City", name: item.town.name } : null;
  const thing =
    item.kind === "initiative"
      ? { "@type": "Organization", location: place }
      : { "@type": "Person", homeLocation: place };
  return pruned({ ...thing, name: item.name, url: item.fullUrl });
}

function programmeThing(item) {
  const funder = (item.funders || []).map((f) =>
    pruned({ "@type": "Organization", name: f.name, url: f.website }),
  );
  const url = item.externalUrl || item.fullUrl;
  return pruned({ "@type": "Project", name: item.title, description: item.teaser, url, funder });
}

function townThing(item) {
  return pruned({ "@type": "GovernmentOrganization", name: item.name, url: item.website });
}

function structuredData(items, thing, name) {
  return {
    "@context": "https://schema.org",
    "@type": "ItemList",
    name,
    numberOfItems: items.length,
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem",
      position: i + 1,
      item: thing(item),
    })),
  };
}

function list(items, card, t, label) {
  const ul = el("ul", "list", "", { "aria-label": label });
  for (const item of items) {
    const li = el("li", "item");
    li.append(card(item, t));
    ul.append(li);
  }
  return ul;
}

class EmbedElement extends HTMLElement {
  static observedAttributes = ["town", "area", "limit", "lang", "slug", "accent"];

  connectedCallback() {
    const accent = this.getAttribute("accent") || "";
    if (/^#[0-9a-f]{6}$/i.test(accent)) this.style.setProperty("--esc-accent", accent);
    if (!this.shadowRoot) {
      this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styles()];
      this.shadowRoot.append(document.createElement("slot")); // the fallback link, meanwhile
    }
    this.page = 1;
    this.load();
  }

  attributeChangedCallback() {
    if (this.shadowRoot) {
      this.page = 1;
      this.load();
    }
  }

  get language() {
    return language(this.getAttribute("lang") || "");
  }

  get t() {
    return CONFIG.texts[this.language];
  }

  show(...nodes) {
    this.shadowRoot.replaceChildren(...nodes);
  }

  describe(data) {
    let script = this.querySelector(":scope > script[data-esc-ld]");
    if (!data) return script && script.remove();
    if (!script) {
      script = document.createElement("script");
      script.type = "application/ld+json";
      script.dataset.escLd = "";
      this.append(script);
    }
    script.textContent = JSON.stringify(data);
  }

  notice(key) {
    this.describe(null);
    this.show(el("p", "notice", this.t[key], { role: "status" }), document.createElement("slot"));
  }

  async load() {
    const ticket = (this.ticket = (this.ticket || 0) + 1);
    let body;
    try {
      body = await ask(this.query, this.variables());
    } catch {
      body = null;
    }
    if (ticket !== this.ticket) return; // a newer load is under way
    const errors = (body && body.errors) || [];
    if (errors.some((e) => (e.extensions || {}).argument === "town")) return this.notice("hidden");
    if (!body || !body.data || errors.length) return this.notice("failed");
    this.render(body.data);
  }
}

class Portraits extends EmbedElement {
  get query() {
    return this.getAttribute("slug") ? "portrait" : "portraits";
  }

  variables() {
    const locale = this.language;
    const slug = this.getAttribute("slug");
    if (slug) return { slug, locale };
    const limit = Math.min(Math.max(parseInt(this.getAttribute("limit"), 10) || 6, 1), 24);
    const variables = { locale, perPage: limit, page: this.page };
    for (const name of ["town", "area"]) {
      if (this.getAttribute(name)) variables[name] = this.getAttribute(name);
    }
    return variables;
  }

  render(data) {
    const t = this.t;
    if (this.query === "portrait") {
      if (!data.portrait) return this.notice("gone");
      this.describe(structuredData([data.portrait], portraitThing, t.portraits));
      return this.show(list([data.portrait], portraitCard, t, t.portraits));
    }
    const { items, pagination } = data.portraits;
    if (!items.length) return this.notice("empty");
    const nodes = [list(items, portraitCard, t, t.portraits)];
    if (pagination.totalPages > 1) nodes.push(this.pager(pagination));
    this.describe(structuredData(items, portraitThing, t.portraits));
    this.show(...nodes);
  }

  pager({ currentPage, totalPages }) {
    const t = this.t;
    const nav = el("nav", "pager", "", { "aria-label": t.pager });
    const status = t.page.replace("{page}", currentPage).replace("{pages}", totalPages);
    const button = (key, step, disabled) => {
      const b = el("button", "button", t[key], { type: "button", "data-step": step });
      b.disabled = disabled;
      b.addEventListener("click", () => this.turn(step));
      return b;
    };
    nav.append(
      button("previous", -1, currentPage <= 1),
      el("span", "status", status, { role: "status" }),
      button("next", 1, currentPage >= totalPages),
    );
    nav.addEventListener("keydown", (event) => {
      const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      if (step && !nav.querySelector(`[data-step="${step}"]`).disabled) this.turn(step);
    });
    return nav;
  }

  async turn(step) {
    this.page += step;
    await this.load();
    // Focus stays on the pager: on the same button, or the other one at either end.
    const buttons = [...this.shadowRoot.querySelectorAll("[data-step]")];
    const same = buttons.find((b) => b.dataset.step === String(step) && !b.disabled);
    (same || buttons.find((b) => !b.disabled))?.focus();
  }
}

// A whole list in the element's language: the programmes, the partner towns.
function listElement(query, field, card, thing, label) {
  return class extends EmbedElement {
    get query() {
      return query;
    }

    variables() {
      return { locale: this.language };
    }

    render(data) {
      if (!data[field].length) return this.notice("nothing");
      this.describe(structuredData(data[field], thing, this.t[label]));
      this.show(list(data[field], card, this.t, this.t[label]));
    }
  };
}

const Programmes = listElement(
  "programmes",
  "programmes",
  programmeCard,
  programmeThing,
  "programmes",
);
const Towns = listElement("towns", "partnerCities", townCard, townThing, "towns");

// The nomination form: the campaign's call, answered from a partner's page. It posts to the
// API's `nominate` mutation (honeypot, rate limit and answers as on the city's site).
const FIELDS = [
  ["nomineeName", "text", true],
  ["nomineeKind", "kind", true],
  ["reason", "textarea", true],
  ["nominatorName", "text", true],
  ["nominatorEmail", "email", true],
  ["nominatorPhone", "tel", false],
  ["nomineeInformed", "checkbox", false],
  ["privacyConsent", "checkbox", true],
];

function field([name, type, required], f) {
  const box = el("p", "field");
  const id = `esc-${name}`;
  const error = el("span", "error", "", { id: `${id}-error` });
  if (type === "kind") {
    const set = el("fieldset", "field");
    set.append(el("legend", "", `${f.nomineeKind} (${f.required})`));
    for (const value of ["person", "initiative"]) {
      const label = el("label");
      const input = el("input", "", "", { type: "radio", name, value, "aria-describedby": error.id });
      if (value === "person") input.checked = true;
      label.append(input, ` ${f[value]}`);
      set.append(label, " ");
    }
    set.append(error);
    return set;
  }
  const input = el(type === "textarea" ? "textarea" : "input", "input", "", {
    id, name, "aria-describedby": error.id,
  });
  if (type !== "textarea") input.type = type;
  if (required) input.required = true;
  const text = required && type !== "checkbox" ? `${f[name]} (${f.required})` : f[name];
  const label = el("label", "", text, { for: id });
  if (type === "checkbox") box.append(input, " ", label, error);
  else box.append(label, el("br"), input, error);
  return box;
}

class Nominate extends EmbedElement {
  load() {
    const f = this.t.form;
    const form = el("form", "form", "", { novalidate: "", "aria-label": f.label });
    form.append(...FIELDS.map((spec) => field(spec, f)));
    // The honeypot: out of sight and out of the tab order; people leave it empty.
    const trap = el("p", "hidden", "", { "aria-hidden": "true" });
    const input = el("input", "", "", { name: "website", tabindex: "-1", autocomplete: "off" });
    const label = el("label", "", f.website);
    label.append(input);
    trap.append(label);
    form.append(trap, el("button", "button", f.submit, { type: "submit" }));
    this.status = el("p", "notice", "", { role: "status", tabindex: "-1" });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form);
    });
    this.show(form, this.status);
  }

  async send(form) {
    const f = this.t.form;
    const data = new FormData(form);
    const input = { town: this.getAttribute("town") || "", website: data.get("website") || "" };
    for (const [name, type] of FIELDS) {
      input[name] = type === "checkbox" ? data.has(name) : String(data.get(name) || "");
    }
    let response;
    let body = {};
    try {
      response = await fetch(API, {
        method: "POST",
        credentials: "omit",
        headers: { "Content-Type": "application/json", "Accept-Language": this.language === "en" ? "en" : "de" },
        body: JSON.stringify({ query: CONFIG.nominate, variables: { input } }),
      });
      body = await response.json();
    } catch {
      return this.say(this.t.failed);
    }
    if (response.status === 429) return this.say(f.tooMany);
    const answer = body.data && body.data.nominate;
    if (!answer) return this.say(this.t.failed);
    for (const node of form.querySelectorAll("[part=error]")) node.textContent = "";
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    if (answer.ok) {
      form.remove();
      return this.say(f.thanks.replace("{reference}", answer.reference));
    }
    let first = null;
    for (const { field: name, message } of answer.errors) {
      const error = form.querySelector(`#esc-${name}-error`);
      const target = form.querySelector(`[name=${name}]`);
      if (!error || !target) continue;
      error.textContent = ` ${message}`;
      target.setAttribute("aria-invalid", "true");
      first = first || target;
    }
    this.say(f.fix, false);
    first?.focus();
  }

  say(text, focus = true) {
    this.status.textContent = text;
    if (focus) this.status.focus();
  }
}

// A frame of /embed/portraits/ on the same page grows with its content (its height script).
window.addEventListener("message", (event) => {
  const data = event.data || {};
  if (event.origin !== API.origin || data.type !== "engagierte-stadt:height") return;
  for (const frame of document.querySelectorAll("iframe")) {
    if (frame.contentWindow === event.source) frame.height = String(Math.ceil(data.height));
  }
});

for (const [name, element] of [
  ["engagierte-stadt-portraits", Portraits],
  ["engagierte-stadt-programme", Programmes],
  ["engagierte-stadt-partnerstaedte", Towns],
  ["engagierte-stadt-nominieren", Nominate],
]) {
  if (!customElements.get(name)) customElements.define(name, element);
}
