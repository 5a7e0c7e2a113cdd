import { expect } from "chai";
import {
  handshakeRefusal,
  rebindingRefusal,
  securityForBinding,
  type TransportSecuritySettings,
} from "../../../src/transports/http/security.js";
import { captureLogger } from "../../support/peers.js";

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("transports/http-security: DNS rebinding protection", () => {
  describe("securityForBinding (the default, decided once per server start)", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "localhost", "::1", undefined]) {
      it(`bound to ${host}: protection on, no warning`, () => {
        const logger = captureLogger();
        expect(securityForBinding(host, undefined, logger)).to.deep.equal({ dnsRebindingProtection: true });
        expect(logger.lines).to.deep.equal([]);
      });
    }

    for (const host of ["0.0.0.0", "::", "192.168.1.20"]) {
      it(`bound to ${host}: protection off, and one warning naming the risk and the option`, () => {
        const logger = captureLogger();
        expect(securityForBinding(host, { allowedOrigins: ["https://a.example"] }, logger)).to.deep.equal({
          dnsRebindingProtection: false,
          allowedOrigins: ["https://a.example"],
        });
        expect(logger.lines).to.have.length(1);
        const [line] = logger.lines;
        expect(line).to.match(/^warn: DNS rebinding protection is off because the server is bound to /);
        expect(line).to.include(`bound to ${host}, not a loopback address`);
        expect(line).to.include('security: { dnsRebindingProtection: true, allowedHosts: ["your.host"] }');
        expect(line).to.include("security: { dnsRebindingProtection: false }");
      });
    }

    it("an explicit dnsRebindingProtection is kept as it is, without a warning, on any address", () => {
      const logger = captureLogger();
      for (const settings of [{ dnsRebindingProtection: false }, { dnsRebindingProtection: true }]) {
        expect(securityForBinding("0.0.0.0", settings, logger)).to.equal(settings);
        expect(securityForBinding("127.0.0.1", settings, logger)).to.equal(settings);
      }
      expect(logger.lines).to.deep.equal([]);
    });

    it("allowedHosts given on a non-loopback address turns protection on, without a warning", () => {
      const logger = captureLogger();
      const settings = securityForBinding("0.0.0.0", { allowedHosts: ["mcp.example"] }, logger);
      expect(settings).to.deep.equal({ allowedHosts: ["mcp.example"], dnsRebindingProtection: true });
      expect(rebindingRefusal(headers({ host: "mcp.example:443" }), settings)).to.equal(undefined);
      expect(rebindingRefusal(headers({ host: "127.0.0.1:443" }), settings)).to.match(/Host "127.0.0.1:443"/);
      expect(logger.lines).to.deep.equal([]);
    });
  });

  describe("handshakeRefusal (WebSocket): the same allow-list, then verifyOrigin", () => {
    const on: TransportSecuritySettings = { dnsRebindingProtection: true };
    const off: TransportSecuritySettings = { dnsRebindingProtection: false };

    it("with protection on, a rebound page (Host and Origin evil.example:PORT) is refused; loopback passes", () => {
      expect(handshakeRefusal("evil.example:8080", "http://evil.example:8080", on)).to.match(/Host "evil.example/);
      expect(handshakeRefusal("127.0.0.1:8080", "http://evil.example:8080", on)).to.match(/Origin/);
      expect(handshakeRefusal("127.0.0.1:8080", undefined, on)).to.equal(undefined);
      expect(handshakeRefusal("localhost:8080", "http://localhost:5173", on)).to.equal(undefined);
      expect(handshakeRefusal("[::1]:8080", "http://[::1]:8080", on)).to.equal(undefined);
    });

    it("with protection off, an Origin must name the Host it was sent to (browsers apply no CORS to WebSockets)", () => {
      expect(handshakeRefusal("evil.example:8080", "http://evil.example:8080", off)).to.equal(undefined);
      expect(handshakeRefusal("evil.example:8080", undefined, off)).to.equal(undefined);
      expect(handshakeRefusal("mcp.example", "http://evil.example", off)).to.match(/Origin "http:\/\/evil.example"/);
    });

    it("verifyOrigin runs after the allow-list, and replaces the same-origin default", () => {
      const appOnly = (origin: string | undefined) => origin === "https://app.example";
      expect(handshakeRefusal("127.0.0.1:1", "https://app.example", on, appOnly)).to.match(/Origin/);
      const listed = { ...on, allowedOrigins: ["https://app.example"] };
      expect(handshakeRefusal("127.0.0.1:1", "https://app.example", listed, appOnly)).to.equal(undefined);
      expect(handshakeRefusal("127.0.0.1:1", "http://127.0.0.1:1", listed, appOnly)).to.match(/Origin/);
      expect(handshakeRefusal("mcp.example", "https://app.example", off, appOnly)).to.equal(undefined);
    });
  });
});
