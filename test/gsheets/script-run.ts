// google.script.run as the sidebar page sees it, for the browser tests: every call is recorded in
// window.__calls; a server function named in window.__responses answers with that value.

/** A <script> body to put in the page's <head>; `responses` are the answers known from the start. */
export function scriptRunStub(responses: Record<string, unknown> = {}): string {
  return `
window.__calls = [];
window.__responses = ${JSON.stringify(responses).replace(/</g, "\\u003c")};
function runner(ok) {
  return new Proxy({}, { get(_, name) {
    if (name === "withSuccessHandler") return (f) => runner(f);
    if (name === "withFailureHandler") return () => runner(ok);
    return (...args) => {
      window.__calls.push([name, ...args]);
      if (ok && name in window.__responses) setTimeout(() => ok(window.__responses[name]), 0);
    };
  }});
}
window.google = { script: { run: runner(null) } };`;
}
