// Every loader and action answers a write that waited too long for the database (DatabaseBusyError,
// app/utils/write-gate.server.ts) with 503, Retry-After and the Vietnamese message, shown by the
// error boundary, instead of a 500. Applied once to the server build, so no route can forget it.
import type { ServerBuild } from "@remix-run/node";
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy } from "./write-gate.server";

export const BUSY_RETRY_AFTER_SECONDS = 5;

export function busyResponse(): Response {
  return new Response(DATABASE_BUSY_MESSAGE, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) },
  });
}

type Handler = (args: never) => unknown;

function answerBusy<F extends Handler>(handler: F): F {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (isDatabaseBusy(error)) throw busyResponse();
      throw error;
    }
  }) as F;
}

export function withBusyAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: { ...route.module, ...(loader ? { loader: answerBusy(loader) } : {}), ...(action ? { action: answerBusy(action) } : {}) },
    };
  }
  return { ...build, routes };
}
