/** MIME types of the files a skill commonly holds, by extension; anything else is served as bytes. */
const TYPES: Readonly<Record<string, string>> = {
  md: "text/markdown",
  markdown: "text/markdown",
  txt: "text/plain",
  py: "text/x-python",
  js: "text/javascript",
  mjs: "text/javascript",
  ts: "text/x-typescript",
  sh: "text/x-shellscript",
  json: "application/json",
  yaml: "application/yaml",
  yml: "application/yaml",
  toml: "application/toml",
  csv: "text/csv",
  html: "text/html",
  xml: "application/xml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
};

/** The MIME type of a file, from its name's extension (`application/octet-stream` when unknown). */
export function mimeTypeOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot > 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || "application/octet-stream";
}

/** Whether content of this type is text, served as `text` when its bytes are valid UTF-8. */
export function isTextType(mimeType: string): boolean {
  return (
    mimeType.startsWith("text/") ||
    ["application/json", "application/yaml", "application/toml", "application/xml", "image/svg+xml"].includes(mimeType)
  );
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Text when the type is textual and the bytes are valid UTF-8 (so the text encodes back to the same bytes), else base64. */
export function contentOf(file: { uri: string; mimeType: string }, bytes: Uint8Array) {
  if (isTextType(file.mimeType)) {
    try {
      return { uri: file.uri, mimeType: file.mimeType, text: utf8.decode(bytes) };
    } catch {
      // Not UTF-8: sent as bytes, so that the digest still covers what the client receives.
    }
  }
  return { uri: file.uri, mimeType: file.mimeType, blob: Buffer.from(bytes).toString("base64") };
}
