vcl 4.1;

# Varnish in front of the Engagierte Stadt CMS (docs/deployment.md, docs/api-caching.md).
#
# Cached: GET/HEAD of the public API (/graphql/ persisted and plain GET queries, /api/v2/), the
# embed (/embed/portraits/, its scripts and styles) and the image files (/media/images/,
# /media/original_images/), and only when the app says a shared cache may keep the answer
# (`s-maxage`). Everything else, and every request of a signed-in editor (session cookie),
# with an Authorization header (API keys), a preview token, or to the admin, passes through.
#
# Invalidation: the app bans after every committed content change (cms/httpcache.py). Answers
# name what they depend on in `Cache-Tag` (space-separated tags; "content" = any published
# content); one `BAN` request with `X-Ban-Tags: <regex>` drops every object carrying a matching
# tag. A `PURGE /prefix/` (Wagtail's HTTPBackend) drops everything below that prefix.

import std;

# The app server(s) (or the load balancer in front of them). cluster/varnish.py writes its own
# backend.vcl into the work directory, found first on vcl_path.
include "backend.vcl";

# Who may ban: the app servers, the scheduler and the worker. Loopback here; add the app
# servers' addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A regular expression without spaces, e.g. (^|\s)(content)(\s|$).
        if (!req.http.X-Ban-Tags || req.http.X-Ban-Tags ~ " ") {
            return (synth(400, "X-Ban-Tags missing or with a space"));
        }
        if (std.ban("obj.http.Cache-Tag ~ " + req.http.X-Ban-Tags)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Wagtail's HTTPBackend: a purge of /graphql/ covers every URL below it.
        if (std.ban("obj.http.X-Cache-Host == " + req.http.host + " && obj.http.X-Cache-Url ~ ^" + req.url)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url !~ "^/(graphql/|api/v2/|embed/(portraits/|v1\.js|v1\.css|frame\.js)|media/(original_)?images/)") {
        return (pass);  # the admin, documents (privacy-checked), nominations, health, ...
    }
    # Never shared: API keys, a signed-in editor, preview tokens (drafts).
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "^/graphql/" && req.url ~ "(?i)token") {
        return (pass);
    }
    # Other cookies (analytics, csrftoken) do not change a public answer.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # What PURGE bans match on (bans on obj.* fields are tested by the ban lurker too).
    set beresp.http.X-Cache-Host = bereq.http.host;
    set beresp.http.X-Cache-Url = bereq.url;

    if (bereq.url ~ "^/media/(original_)?images/") {
        # Files served by the web server know nothing of tags: they depend on content (a
        # withdrawal deletes or moves them), so every content change drops them too.
        if (beresp.status == 200 && !beresp.http.Set-Cookie) {
            set beresp.http.Cache-Tag = "content media";
            set beresp.ttl = 1d;
            set beresp.grace = 0s;
            return (deliver);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # The app decides: only answers it marks for shared caches (s-maxage) are kept, and never
    # one setting a cookie or marked private/no-store.
    if (beresp.status != 200 || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "s-maxage"
        || beresp.http.Cache-Control ~ "(?i)(no-store|private)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Vary (Accept, Accept-Language, Origin) is honoured by Varnish's own lookup.
    set beresp.grace = 0s;  # never serve a banned or expired answer while refetching
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Cache-Host;
    unset resp.http.X-Cache-Url;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
