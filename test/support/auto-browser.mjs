/* global process, URL, URLSearchParams, fetch */
// A stand-in for the user's browser in tests: `node auto-browser.mjs <url>` follows the authorization
// URL as a browser would (redirects, cookies), submits each HTML form it is shown (a login form gets
// the user `MCPKIT_TEST_LOGIN`, default "alice"), and stops once it has loaded a 127.0.0.1 callback page.
const jar = new Map();
const MAX_STEPS = 20;

function remember(response) {
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
}

const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

function formOf(html, base) {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = new URLSearchParams();
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? "";
    fields.set(
      name,
      name === "login" ? (process.env.MCPKIT_TEST_LOGIN ?? "alice") : name === "password" ? "pw" : value,
    );
  }
  return { action: new URL(form[1].replace(/&amp;/g, "&"), base), fields };
}

let url = new URL(process.argv[process.argv.length - 1]);
let init = { method: "GET" };
for (let step = 0; step < MAX_STEPS; step++) {
  const response = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: cookie() } });
  remember(response);
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) {
    url = new URL(location, url);
    init = { method: "GET" };
    continue;
  }
  const html = await response.text();
  if (url.hostname === "127.0.0.1" && url.pathname === "/callback") process.exit(0);
  const form = formOf(html, url);
  if (!form) {
    process.stderr.write(`auto-browser: stuck at ${url.href} (HTTP ${response.status})\n`);
    process.exit(1);
  }
  url = form.action;
  init = {
    method: "POST",
    body: form.fields.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  };
}
process.stderr.write("auto-browser: too many steps\n");
process.exit(1);
