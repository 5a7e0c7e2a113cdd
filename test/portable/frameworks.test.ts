// FastMCP mounted in the three web frameworks users reach for, each serving mcpkit's client and the
// official SDK's client: Express with express.json() in front (the body already parsed), Hono on
// @hono/node-server (web Requests), and Fastify (its parsed body handed over with the raw request).
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { app } from "../fixtures/portable/app.js";
import { expectBothServed } from "./clients.js";

const endpoint = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe("portable: FastMCP mounted in Express, Hono and Fastify", function () {
  // A handler still waiting for a body express.json() already read would hold each call 30 s.
  this.timeout(20_000);

  it("Express with express.json() in front: served at once, to both clients", async () => {
    const web = express();
    web.use(express.json());
    const mcp = app.handler();
    web.all("/mcp", mcp);
    web.get("/", (_req, res) => void res.send("home"));
    const server = await new Promise<Server>((resolve) => {
      const listening = web.listen(0, "127.0.0.1", () => resolve(listening));
    });
    try {
      await expectBothServed({ url: endpoint(server) }, "Express + express.json()");
    } finally {
      await mcp.close();
      await close(server);
    }
  });

  it("Express with the handler as middleware: MCP at /mcp, every other path passed on", async () => {
    const web = express();
    web.use(express.json());
    const mcp = app.handler();
    web.use(mcp);
    web.get("/", (_req, res) => void res.send("home"));
    const server = await new Promise<Server>((resolve) => {
      const listening = web.listen(0, "127.0.0.1", () => resolve(listening));
    });
    try {
      const home = await fetch(endpoint(server).replace(/\/mcp$/, "/"));
      if ((await home.text()) !== "home") throw new Error("the middleware did not pass / on");
      await expectBothServed({ url: endpoint(server) }, "Express middleware");
    } finally {
      await mcp.close();
      await close(server);
    }
  });

  it("Hono on @hono/node-server: app.fetch given the raw Request, to both clients", async () => {
    const hono = new Hono();
    hono.all("/mcp", (c) => app.fetch(c.req.raw));
    const server = await new Promise<Server>((resolve) => {
      const listening = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () =>
        resolve(listening as Server),
      );
    });
    try {
      await expectBothServed({ url: endpoint(server) }, "Hono");
    } finally {
      await close(server);
    }
  });

  it("Fastify: the raw request and reply, with the body Fastify parsed, to both clients", async () => {
    const fastify = Fastify();
    const mcp = app.handler();
    fastify.all("/mcp", async (request, reply) => {
      reply.hijack();
      await mcp(request.raw, reply.raw, request.body);
    });
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    try {
      await expectBothServed({ url: endpoint(fastify.server) }, "Fastify");
    } finally {
      await mcp.close();
      await fastify.close();
    }
  });
});
