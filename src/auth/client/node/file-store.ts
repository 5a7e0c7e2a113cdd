import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { StoredDPoPKey } from "../dpop.js";
import type { OAuthClientInformation, OAuthTokens } from "../provider.js";

/** Everything kept for one MCP server: one JSON file, readable by its owner only. */
export interface ServerAuthRecord {
  /** The MCP server URL the record is for. */
  server: string;
  /** Client registrations, by authorization-server issuer. */
  clients: Record<string, OAuthClientInformation>;
  /** The tokens for this server, tagged with their issuer. */
  tokens?: OAuthTokens;
  /** The PKCE verifier of the authorization in progress. */
  codeVerifier?: string;
  /** The DPoP key the tokens are bound to, when DPoP is used. */
  dpopKey?: StoredDPoPKey;
  /** The loopback port last used for the redirect, reused when it is free. */
  redirectPort?: number;
}

/** The most registrations one record keeps (an MCP server naming ever new authorization servers cannot grow it). */
const MAX_CLIENTS = 16;
/** The largest record file read back (a record is a few kilobytes). */
const MAX_RECORD_BYTES = 1 << 20;

/**
 * The user's configuration directory for mcpkit: `$MCPKIT_CONFIG_DIR` when set, else
 * `$XDG_CONFIG_HOME/mcpkit` (or `~/.config/mcpkit`) on Linux and the BSDs, `~/Library/Application
 * Support/mcpkit` on macOS, `%APPDATA%\mcpkit` on Windows.
 */
export function configDirectory(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MCPKIT_CONFIG_DIR) return env.MCPKIT_CONFIG_DIR;
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "mcpkit");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "mcpkit");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "mcpkit");
}

/** The server URL as records are keyed: without fragment, and without a trailing slash on a bare origin. */
export function serverKey(serverUrl: string | URL): string {
  const url = new URL(serverUrl);
  url.hash = "";
  return url.href;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * One file per MCP server under `<config dir>/auth/`, named by a hash of the server URL, written
 * whole (a temporary file renamed over it) with mode 0600 in a 0700 directory. A file that does not
 * parse or names another server is treated as empty: it is never trusted, and the next save
 * replaces it.
 */
export class ServerAuthFile {
  readonly path: string;
  readonly server: string;

  constructor(serverUrl: string | URL, directory: string = configDirectory()) {
    this.server = serverKey(serverUrl);
    const name = createHash("sha256").update(this.server).digest("hex").slice(0, 32);
    this.path = join(directory, "auth", `${name}.json`);
  }

  /** The record, or an empty one when there is none (or it is unreadable). */
  async read(): Promise<ServerAuthRecord> {
    const empty: ServerAuthRecord = { server: this.server, clients: {} };
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch {
      return empty;
    }
    if (text.length > MAX_RECORD_BYTES) return empty;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isRecord(parsed) || parsed.server !== this.server || !isRecord(parsed.clients)) return empty;
      return parsed as unknown as ServerAuthRecord;
    } catch {
      return empty;
    }
  }

  /** Replaces the record (keeping at most the 16 most recent registrations). */
  async write(record: ServerAuthRecord): Promise<void> {
    const issuers = Object.keys(record.clients);
    const clients = Object.fromEntries(issuers.slice(-MAX_CLIENTS).map((issuer) => [issuer, record.clients[issuer]]));
    const directory = join(this.path, "..");
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ ...record, clients }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    // The umask cannot widen 0600, but a platform that ignores the mode argument gets it set explicitly.
    await chmod(temporary, 0o600).catch(() => {});
    await rename(temporary, this.path);
  }

  /** Reads, changes and writes the record. */
  async update(change: (record: ServerAuthRecord) => void): Promise<ServerAuthRecord> {
    const record = await this.read();
    change(record);
    await this.write(record);
    return record;
  }

  /** Deletes the file; true when there was one. */
  async clear(): Promise<boolean> {
    try {
      await rm(this.path);
      return true;
    } catch {
      return false;
    }
  }
}
