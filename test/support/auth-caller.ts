import type { AuthInfo } from "../../src/protocol/auth-info.js";
import type { Transport, TransportEvents } from "../../src/protocol/transport.js";

/** A verified caller with this subject, as a server's token check would describe it. */
export function callerAuth(subject: string, issuer = "https://as.example.test"): AuthInfo {
  return { token: "t", tokenType: "Bearer", subject, scopes: [], audience: [], claims: { iss: issuer, sub: subject } };
}

/** The server end of a connection every message of which arrives from `auth`'s bearer (as over HTTP with a token). */
export function asCaller(transport: Transport, auth: AuthInfo): Transport {
  return {
    start: (events: TransportEvents) =>
      transport.start({
        message: (message) => events.message(message, { auth }),
        malformed: (reason) => events.malformed(reason),
        close: (error) => events.close(error),
      }),
    send: (message, options) => transport.send(message, options),
    close: () => transport.close(),
  };
}
