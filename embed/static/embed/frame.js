// The iframe page's only script (embed/templates/embed/frame.html): tells the page around it
// how tall the content is, so the frame fits without a scroll bar.
// - Any page: {type: "engagierte-stadt:height", height} whenever the height changes.
// - WordPress (4.4+), which loads the frame as <iframe src="…#?secret=S" sandbox>: it sends
//   {message: "ready", secret: S}; the frame answers {message: "height", value, secret} and,
//   instead of following a link itself (the sandbox forbids it), {message: "link", value, secret}.
(function () {
  const match = /[#&?]secret=([\w-]+)/.exec(location.hash);
  const secret = match ? match[1] : null;
  const accent = new URLSearchParams(location.search).get("accent");
  if (/^#[0-9a-f]{6}$/i.test(accent || "")) {
    document.documentElement.style.setProperty("--esc-accent", accent);
  }

  function height() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function send(message, value) {
    if (secret) window.parent.postMessage({ message, value, secret }, "*");
  }

  function report() {
    const value = height();
    window.parent.postMessage({ type: "engagierte-stadt:height", height: value }, "*");
    send("height", value);
  }

  new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("message", (event) => {
    const data = event.data || {};
    if (secret && data.message === "ready" && data.secret === secret) report();
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!secret || !link) return;
    event.preventDefault();
    // WordPress follows a link only to this frame's host: through our redirect.
    send("link", `${location.origin}/embed/link/?to=${encodeURIComponent(link.href)}`);
  });
  report();
})();
